// The buttons of a report card, answered from the report's snapshot {s} without reading the tenant:
// Previous/Next/Sort, Filter's Apply, a row's Details, and Export CSV.
import type { MailboxQuery } from '../reports/mailbox-report';
import { declareButton } from './button';
import { readNumber, readOffset, readQuery, readText } from './report-query';

/** The snapshot id is checked by the snapshot store (it answers "no longer available" for any bad one). */
type Snapshot = { s: string };

export const reportPageButton = declareButton<Snapshot & { q: MailboxQuery; o: number }>('report.page', (data) => {
  const q = readQuery(data.q);
  const o = readOffset(data.o);
  return q && o !== null ? { s: data.s as string, q, o } : null;
});

/** What the admin typed in the Filter form; a value out of range is null (the action says what is allowed). */
export interface FilterInputs {
  text: string | null;
  minPercent: number | null | undefined;
  inactiveDays: number | null | undefined;
}

/** Apply on the Filter form: the form's inputs arrive beside this data, and are read here too. */
export const reportFilterButton = declareButton<Snapshot & { q: MailboxQuery }, Snapshot & { q: MailboxQuery; inputs: FilterInputs }>(
  'report.filter',
  (data) => {
    const q = readQuery(data.q);
    if (!q) return null;
    const inputs: FilterInputs = {
      text: data.text === undefined ? '' : readText(data.text),
      minPercent: readNumber(data.minPercent, 0, 1000),
      inactiveDays: readNumber(data.inactiveDays, 0, 3650),
    };
    return { s: data.s as string, q, inputs };
  },
);

export const reportDetailsButton = declareButton<Snapshot & { upn: string }>('report.details', (data) => {
  const upn = data.upn;
  return typeof upn === 'string' && upn.length > 0 && upn.length <= 256 ? { s: data.s as string, upn } : null;
});

/** {s} and, for a mailbox report, the query shown ({q}), so the file holds what the card showed. */
export const reportExportButton = declareButton<Snapshot & { q?: MailboxQuery }>('report.export', (data) => {
  if (data.q === undefined) return { s: data.s as string };
  const q = readQuery(data.q);
  return q ? { s: data.s as string, q } : null;
});
