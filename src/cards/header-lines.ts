// The lines a report card shows right under its title and "As of": what the report could not read
// (a warning, so nobody mistakes a partial answer for a complete one) and where its figures come
// from. They are template data (`lines.notice`, `lines.figures`), placed by each card's template.
import { plainText } from './plain-text';

export interface HeaderLines {
  /** A warning: what could not be read. It may quote a service's error, so templates put it in a TextRun. */
  notice?: string;
  /** Where the figures come from, in plain small text. */
  figures?: string;
}

export function headerLinesData(lines: HeaderLines = {}) {
  const notice = plainText(lines.notice ?? '', 400);
  const figures = plainText(lines.figures ?? '', 600);
  return { notice: { show: notice !== '', text: notice }, figures: { show: figures !== '', text: figures } };
}
