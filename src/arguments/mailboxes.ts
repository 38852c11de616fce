// Reads `mailboxes [user|shared|room|group|all] [sort items|size|activity|quota|growth|name] [top N] [live] [filter TEXT]`.
import { DEFAULT_MAILBOX_QUERY, MAILBOX_SORTS, MAX_TOP, MailboxQuery, MailboxSort, MailboxTypeChoice } from '../reports/mailbox-report';
import { suggestCommand } from './suggest';

/** `live`: every figure from Get-MailboxStatistics, even where Microsoft 365's usage report would serve. */
export type MailboxesArguments = { ok: true; query: MailboxQuery; live: boolean } | { ok: false; message: string };

export const MAILBOXES_USAGE =
  'mailboxes [user|shared|room|group|all] [sort items|size|activity|quota|growth|name] [top N] [live] [filter TEXT]';
export const MAX_FILTER_LENGTH = 100;

const SORT_HINT = `Try: sort ${MAILBOX_SORTS.join('|')}`;
const TYPE_WORDS: Record<string, MailboxTypeChoice> = {
  user: 'user',
  users: 'user',
  shared: 'shared',
  room: 'room',
  rooms: 'room',
  group: 'group',
  groups: 'group',
  all: 'all',
};
const KEYWORDS = ['user', 'shared', 'room', 'group', 'all', 'sort', 'top', 'live', 'filter'];
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const QUOTES = '"\'“”‘’';

/** Echoes what the user typed inside a message, short enough to read. */
export function quoteTyped(word: string): string {
  const w = word.length > 30 ? `${word.slice(0, 29)}…` : word;
  return `'${w}'`;
}

function unquote(text: string): string {
  if (text.length >= 2 && QUOTES.includes(text[0]) && QUOTES.includes(text[text.length - 1])) return text.slice(1, -1).trim();
  return text;
}

/**
 * Words in any order, case-insensitive; `filter` takes the rest of the line (quotes optional).
 * A leading "mailboxes" is tolerated, so the whole chat line may be passed as well.
 */
export function parseMailboxesArguments(text: string): MailboxesArguments {
  const query: MailboxQuery = { ...DEFAULT_MAILBOX_QUERY };
  const seen = new Set<string>();
  let live = false;
  const tokens = [...text.matchAll(/\S+/g)];
  let i = 0;
  if (tokens.length && tokens[0][0].toLowerCase() === 'mailboxes') i = 1;
  const fail = (message: string): MailboxesArguments => ({ ok: false, message });
  const once = (what: string): MailboxesArguments | undefined => {
    if (seen.has(what)) return fail(`${what === 'type' ? 'Mailbox type' : what} is given twice; keep one.`);
    seen.add(what);
    return undefined;
  };

  for (; i < tokens.length; i++) {
    const raw = tokens[i][0];
    const word = raw.toLowerCase();
    if (word in TYPE_WORDS) {
      if (seen.has('type')) return fail('Choose one mailbox type: user, shared, room, group or all.');
      seen.add('type');
      query.type = TYPE_WORDS[word];
    } else if (word === 'sort') {
      const twice = once('sort');
      if (twice) return twice;
      const next = tokens[++i]?.[0];
      if (next === undefined) return fail(`sort needs a column. ${SORT_HINT}`);
      const value = next.toLowerCase();
      if (!(MAILBOX_SORTS as readonly string[]).includes(value)) {
        const near = suggestCommand(value, MAILBOX_SORTS);
        return fail(`Unknown sort ${quoteTyped(next)}.${near ? ` Did you mean '${near}'?` : ''} ${SORT_HINT}`);
      }
      query.sort = value as MailboxSort;
    } else if (word === 'top') {
      const twice = once('top');
      if (twice) return twice;
      const next = tokens[++i]?.[0];
      if (next === undefined) return fail('top needs a number, e.g. top 50.');
      if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(next)) {
        return fail(`top needs a whole number from 1 to 1,000, not ${quoteTyped(next)}.`);
      }
      const n = Number(next.replace(/,/g, ''));
      if (n < 1) return fail('top needs a whole number from 1 to 1,000.');
      if (n > MAX_TOP) return fail('top can be at most 1,000. For every mailbox, use: export mailboxes');
      query.top = n;
    } else if (word === 'live') {
      const twice = once('live');
      if (twice) return twice;
      live = true;
    } else if (word === 'filter') {
      const match = tokens[i];
      const rest = unquote(text.slice((match.index ?? 0) + raw.length).trim());
      if (!rest) return fail('filter needs some text, e.g. filter sales');
      if (rest.length > MAX_FILTER_LENGTH) return fail(`filter text is too long: at most ${MAX_FILTER_LENGTH} characters.`);
      if (CONTROL.test(rest)) return fail('filter text cannot contain line breaks or control characters.');
      query.filter = rest;
      break;
    } else {
      const near = suggestCommand(word, [...KEYWORDS, ...MAILBOX_SORTS]);
      const hint = near ? ` Did you mean '${near}'?` : '';
      return fail(`I don't know ${quoteTyped(raw)} here.${hint} Usage: ${MAILBOXES_USAGE}`);
    }
  }
  return { ok: true, query, live };
}
