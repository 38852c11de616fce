// What an Assign licence button may send, checked before anything is read or changed. The data is
// untrusted: only its shape is accepted here; what to assign is worked out again from the tenant.
import { parseMailboxArgument } from '../arguments/mailbox';

export interface AssignRequest {
  upn: string;
  skuIds: string[];
  removeSkuIds: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The fixes the bot proposes add at most two licences (Plan 1 + Archiving) and remove a few. */
const MAX_SKUS = 4;

function guids(value: unknown, min: number): string[] | null {
  if (value === undefined && min === 0) return [];
  if (!Array.isArray(value) || value.length < min || value.length > MAX_SKUS) return null;
  if (!value.every((v) => typeof v === 'string' && GUID.test(v))) return null;
  return value.map((v: string) => v.toLowerCase());
}

/** The request, or null when the data is not what the bot's own buttons send. */
export function readAssignRequest(data: Record<string, unknown>): AssignRequest | null {
  const upn = typeof data.upn === 'string' ? parseMailboxArgument(data.upn) : null;
  if (!upn?.ok || upn.kind !== 'upn') return null;
  const skuIds = guids(data.skuIds ?? (data.skuId === undefined ? undefined : [data.skuId]), 1);
  const removeSkuIds = guids(data.removeSkuIds, 0);
  if (!skuIds || !removeSkuIds) return null;
  if (data.skuId !== undefined && (typeof data.skuId !== 'string' || data.skuId.toLowerCase() !== skuIds[0])) return null;
  return { upn: upn.identity, skuIds, removeSkuIds };
}

export const REMEDIATION_OFF =
  "Assigning licences from Teams is turned off. To turn it on, set REMEDIATION=on in the bot's settings and grant its identity the Microsoft Graph permission LicenseAssignment.ReadWrite.All.";

/** Same licences, in any order and letter case. */
export function sameSkus(a: string[], b: string[]): boolean {
  const norm = (list: string[]) => [...new Set(list.map((s) => s.toLowerCase()))].sort().join(',');
  return norm(a) === norm(b);
}
