// The audit line for every licence change the bot makes or is refused: who asked, what, and how it
// ended. Pure: the caller stamps the time and writes it wherever the bot's log goes.
import type { GraphRefusal } from './assign-refusal';

export interface LicenseChangeRecord {
  event: 'licence.assign';
  at: string;
  /** Who clicked Confirm: their Entra object id and name as Teams gives them. */
  requestedBy: { aadObjectId: string; name: string };
  userPrincipalName: string;
  addSkuIds: string[];
  removeSkuIds: string[];
  outcome: 'assigned' | 'refused' | 'not-allowed';
  /** Graph's status and message when it refused, verbatim for the log. */
  refusal?: GraphRefusal;
  reason?: string;
}

export function licenseChangeRecord(input: Omit<LicenseChangeRecord, 'event'>): LicenseChangeRecord {
  return { event: 'licence.assign', ...input };
}
