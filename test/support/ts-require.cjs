/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded by `node -r` */
// Lets a plain `node` child process load the TypeScript sources, transpiled in memory with the
// project's own compiler. For tests that need a real Node module loader (jest replaces `module`,
// so OpenTelemetry's require hooks cannot patch node:http inside a jest worker).
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};
