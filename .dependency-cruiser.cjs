// The folders of src/ depend one way (docs/architecture.md). `npm run lint` checks it.
/** @type {import('dependency-cruiser').IConfiguration} */
const PRODUCT =
  '^src/(access|actions|alerts|buttons|cards|commands|cycle|dispatch|doctor|exports|history|messages|reads|reports|runner|state|teams|schedules|telemetry)/';
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders depend one way: a folder that imports another is never imported back by it, directly or around a loop.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-cycles-between-folders',
      comment:
        'The folder rule above cannot see a loop through src/services.ts or src/app.ts (a folder containing another hides its imports of it): no loop of imports that leaves a folder, type imports included.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, viaSomeNot: '^src/$1/' },
    },
    {
      name: 'no-cycles-through-root-files',
      comment:
        'services.ts, app.ts and the other files at the top of src/ sit above every folder: none of them is imported back, type imports included.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      comment:
        'No import loops between files either (a loop closed only by type imports, which vanish at run time, is allowed inside a folder).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'reports-import-only-the-model',
      comment: 'reports/ is pure rules over the domain model: no I/O, no SDK, no other product folder.',
      severity: 'error',
      from: { path: '^src/reports/' },
      to: { pathNot: ['^src/reports/', '^src/model/', '\\.json$'] },
    },
    {
      name: 'model-is-a-leaf',
      comment: 'The domain model and the conversation model import nothing of the bot.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { pathNot: '^src/model/' },
    },
    {
      name: 'commands-are-leaves',
      comment:
        'commands/ holds the chat commands, which only app.ts lists for the router: whatever two commands or a command and a button share lives in reads/, messages/ or dispatch/.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/commands/', '^src/app\\.ts$'] },
      to: { path: '^src/commands/' },
    },
    {
      name: 'reads-and-messages-know-no-turn',
      comment:
        'reads/ (what a report reads from the tenant) and messages/ (the messages commands and buttons answer with) take plain arguments: no command, action, router or Teams code.',
      severity: 'error',
      from: { path: '^src/(reads|messages)/' },
      to: { path: '^src/(commands|actions|dispatch|teams)/' },
    },
    {
      name: 'm365-imports-no-product-folder',
      comment: 'm365/ owns every call to Microsoft and knows nothing of commands, cards, reports, alerts or Teams.',
      severity: 'error',
      from: { path: '^src/m365/' },
      to: { path: [PRODUCT, '^src/(app|services|main)\\.ts$'] },
    },
    {
      name: 'botbuilder-only-in-teams',
      comment: 'Only teams/ speaks botbuilder (the Bot Framework SDK is past end of support; keeping it in one folder keeps a move small).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/teams/' },
      to: { path: 'node_modules/(botbuilder|botframework-|botbuilder-)' },
    },
    {
      name: 'simulator-only-from-demo-tests-bench',
      comment: 'The simulated tenant is reached over HTTPS like Microsoft; only the demo launcher, tests, benchmarks and scripts start it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/simulator/', '^src/demo/'] },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'simulator-imports-no-bot',
      comment: 'The simulator is configured independently of the bot: it never reads the bot own modules.',
      severity: 'error',
      from: { path: '^src/simulator/' },
      to: { path: '^src/', pathNot: ['^src/simulator/', '^src/log\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
  },
};
