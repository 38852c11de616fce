// The three buttons around assigning a licence to a shared mailbox: Assign licence (asks to
// confirm), Confirm (assigns) and Cancel. Their data is only a request: what to assign is worked
// out again from the tenant.
import { parseMailboxArgument } from '../arguments/mailbox';
import type { AssignLicenseData } from '../reports/licensing/license-assignment';
import { declareButton } from './button';
import { readAssignRequest, type AssignRequest } from './license-assign-request';

export const assignConfirmButton = declareButton<AssignLicenseData, AssignRequest>('licence.assign.confirm', readAssignRequest);

export const assignLicenseButton = declareButton<AssignLicenseData, AssignRequest>('licence.assign', readAssignRequest);

export const assignCancelButton = declareButton<{ upn: string }>('licence.assign.cancel', (data) => {
  const upn = typeof data.upn === 'string' ? parseMailboxArgument(data.upn) : null;
  return upn?.ok && upn.kind === 'upn' ? { upn: upn.identity } : null;
});
