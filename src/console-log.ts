// Libraries write to the console on their own (botbuilder prints every refused channel token with
// console.error, MSAL and restify warn there). In production those lines go through the Logger
// instead: every line on stdout stays one JSON object a log search can parse, and is redacted like
// any other, so a library printing a header or a token cannot leak it.
import { format } from 'node:util';
import type { Logger } from './log';

type ConsoleLike = Pick<Console, 'error' | 'warn' | 'info' | 'log' | 'debug'>;

/** Longer than any useful stack trace; a library dumping a whole response body is cut. */
const MAX_TEXT = 2000;

/** Routes `target`'s methods into `log` (source "console"); returns a function that undoes it. */
export function routeConsoleToLog(log: Logger, target: ConsoleLike = console): () => void {
  const saved = { error: target.error, warn: target.warn, info: target.info, log: target.log, debug: target.debug };
  const route =
    (level: 'warn' | 'info' | 'debug') =>
    (...args: unknown[]) => {
      // util.format prints an Error with its stack, which is what a later reader needs.
      const text = format(...args);
      log[level]('library message', { source: 'console', text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text });
    };
  // A library's console.error is a complaint about one request (a refused token), not the bot
  // failing: warn, so alerting on level error stays meaningful.
  target.error = route('warn');
  target.warn = route('warn');
  target.info = route('info');
  target.log = route('info');
  target.debug = route('debug');
  return () => Object.assign(target, saved);
}
