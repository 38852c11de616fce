// What a report says when it could not read everything, so nobody mistakes a partial answer for a
// complete one; the card shows it as a notice under its header (cards/header-lines.ts).

/** "Partial: statistics could not be read for 3 of 40 shared mailboxes.", or '' when none are missing. */
export function missingStatistics(mailboxes: { statistics: unknown }[], noun: string): string {
  const missing = mailboxes.filter((m) => m.statistics === null).length;
  return missing === 0 ? '' : `Partial: statistics could not be read for ${missing} of ${mailboxes.length} ${noun}.`;
}
