// A shared mailbox that needs a licence now (over 50 GB, an archive, a hold…), with the licence
// that fixes it when the tenant has one free.
import { sharedMailboxVerdict } from '../../licensing/shared-mailbox-verdict';
import { assignableFix, assignLicenseData } from '../../licensing/license-assignment';
import { defineAlertKind } from '../alert-kind';
import { mailboxKey } from '../history';

export const sharedLicenseAlert = defineAlertKind({
  kind: 'shared-licence',
  words: ['licence', 'license', 'licences', 'licenses', 'shared'],
  label: 'shared mailboxes that need a licence',
  cardLabel: 'LICENCE ALERT',
  byDefault: true,
  reads: { mailboxes: 'SharedMailbox', skus: true, sharedMailboxAccounts: true },
  judgeMailbox(m, j) {
    if (m.recipientTypeDetails !== 'SharedMailbox') return null;
    const verdict = sharedMailboxVerdict({ mailbox: m, user: j.facts.users.get(m.userId.toLowerCase()) ?? null, skus: j.facts.skus });
    if (verdict.kind !== 'needs-licence') return (m.statistics?.totalItemSizeBytes ?? null) === null ? 'unknown' : null;
    const fix = assignableFix(verdict);
    return {
      key: j.key(mailboxKey(m)),
      kind: 'shared-licence',
      title: `Shared mailbox ${m.displayName || m.userPrincipalName} needs a licence`,
      why: [verdict.why, verdict.fix?.text].filter(Boolean).join(' '),
      severity: 'attention',
      upn: m.userPrincipalName,
      ...(fix ? { assign: assignLicenseData(verdict, fix) } : {}),
    };
  },
  details: { mailbox: true },
});
