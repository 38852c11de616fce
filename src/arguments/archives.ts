// Reads `archives [live] [sort percent|size|growth|full|name] [top N] [filter TEXT]`.
import { ARCHIVE_SORTS, type ArchiveSort } from '../reports/archives';
import { quoteTyped } from './mailboxes';
import { suggestCommand } from './suggest';

export const ARCHIVES_USAGE = `archives [live] [sort ${ARCHIVE_SORTS.join('|')}] [top N] [filter TEXT]`;
export const ARCHIVES_MAX_TOP = 1000;
const DEFAULT_TOP = 25;

export interface ArchivesQuery {
  live: boolean;
  sort: ArchiveSort;
  top: number;
  filter?: string;
}

export type ArchivesArguments = { ok: true; query: ArchivesQuery } | { ok: false; message: string };

export function parseArchivesArguments(text: string): ArchivesArguments {
  const query: ArchivesQuery = { live: false, sort: 'percent', top: DEFAULT_TOP };
  const tokens = [...text.matchAll(/\S+/g)];
  const fail = (message: string): ArchivesArguments => ({ ok: false, message });
  const seen = new Set<string>();
  for (let i = tokens[0]?.[0].toLowerCase() === 'archives' ? 1 : 0; i < tokens.length; i++) {
    const raw = tokens[i][0];
    const word = raw.toLowerCase();
    if (['live', 'sort', 'top'].includes(word)) {
      if (seen.has(word)) return fail(`${word} is given twice; keep one.`);
      seen.add(word);
    }
    if (word === 'live') query.live = true;
    else if (word === 'sort') {
      const next = tokens[++i]?.[0]?.toLowerCase();
      if (!next || !(ARCHIVE_SORTS as readonly string[]).includes(next)) {
        const near = next ? suggestCommand(next, ARCHIVE_SORTS) : null;
        return fail(`sort needs one of: ${ARCHIVE_SORTS.join(', ')}.${near ? ` Did you mean '${near}'?` : ''}`);
      }
      query.sort = next as ArchiveSort;
    } else if (word === 'top') {
      const next = tokens[++i]?.[0];
      if (!next || !/^\d{1,4}$/.test(next) || Number(next) < 1 || Number(next) > ARCHIVES_MAX_TOP)
        return fail(`top needs a whole number from 1 to ${formatMax()}.`);
      query.top = Number(next);
    } else if (word === 'filter') {
      const rest = text.slice((tokens[i].index ?? 0) + raw.length).trim();
      if (!rest) return fail('filter needs some text, e.g. filter sales');
      if (rest.length > 100 || /[\u0000-\u001f\u007f-\u009f]/.test(rest)) return fail('filter text is at most 100 plain characters.');
      query.filter = rest;
      break;
    } else {
      const near = suggestCommand(word, ['live', 'sort', 'top', 'filter', ...ARCHIVE_SORTS]);
      return fail(`I don't know ${quoteTyped(raw)} here.${near ? ` Did you mean '${near}'?` : ''} Usage: ${ARCHIVES_USAGE}`);
    }
  }
  return { ok: true, query };
}

function formatMax(): string {
  return ARCHIVES_MAX_TOP.toLocaleString('en-US');
}
