// restify 11 loads spdy, whose http-deceiver calls process.binding('http_parser') and makes Node
// print DEP0111 at every start: noise in the demo's banner and in App Service's log, about code we
// cannot change (restify 12, which drops spdy, needs Node 22 and a migration). Only that one
// warning is dropped; every other warning still prints.
const QUIETED = new Set(['DEP0111']);

/** Drops the known warnings; returns a function that restores Node's own emitWarning. */
export function quietKnownWarnings(): () => void {
  const original = process.emitWarning;
  const emit = original.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
    const options = rest[0];
    const code = typeof options === 'object' && options !== null ? (options as { code?: unknown }).code : rest[1];
    const warningCode = warning instanceof Error ? (warning as Error & { code?: unknown }).code : undefined;
    if (QUIETED.has(String(code ?? warningCode ?? ''))) return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
  return () => {
    process.emitWarning = original;
  };
}
