// What an archive may hold, as Microsoft's auto-expanding archiving page and Get-Mailbox word it:
// ArchiveQuota is 100 GB, 110 GB on hold with auto-expanding on; an auto-expanding archive grows
// to 1.5 TB. Get-Mailbox's records and the clock's archive growth both read it here.
import type { FixtureMailbox } from './fixture';

const GB = 1024 ** 3;
const AUTO_EXPANDING_CAP_BYTES = 1.5 * 1024 ** 4;

export function onHold(m: FixtureMailbox): boolean {
  return m.litigationHoldEnabled || (m.inPlaceHolds?.length ?? 0) > 0;
}

export function archiveQuotaBytes(m: FixtureMailbox): number {
  return (m.autoExpandingArchiveEnabled && onHold(m) ? 110 : 100) * GB;
}

/** The most the archive can reach: 1.5 TB auto-expanding, else its ArchiveQuota. */
export function archiveCapBytes(m: FixtureMailbox): number {
  return m.autoExpandingArchiveEnabled ? AUTO_EXPANDING_CAP_BYTES : archiveQuotaBytes(m);
}
