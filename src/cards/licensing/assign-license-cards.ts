// The two cards around the Assign licence button: "are you sure?" and what happened.
import type { FixSku } from '../../reports/licensing/license-fix';
import { explainAssignRefusal, type GraphRefusal } from '../../reports/licensing/assign-refusal';
import { localDateTime } from '../date-text';
import { isolated, plainText } from '../plain-text';
import { renderCard, type AdaptiveCard } from '../render';
import { assignCancelButton, assignLicenseButton } from '../../buttons/license-assign';
import confirmTemplate from './templates/assign-license-confirm.json';
import resultTemplate from './templates/assign-license-result.json';

export interface LicenseTarget {
  userPrincipalName: string;
  displayName: string;
}

export interface ConfirmOptions {
  /** Why it needs the licence, from the verdict. */
  why?: string;
  /** Licences removed in the same change (Plan 1 beside Plan 2 is refused). */
  replaces?: { skuId: string; skuName: string }[];
  /** The account has no usage location: Graph will refuse until one is set. */
  needsUsageLocation?: boolean;
}

export function assignLicenseConfirmCard(mailbox: LicenseTarget, sku: FixSku | FixSku[], options: ConfirmOptions = {}): AdaptiveCard {
  const skus = Array.isArray(sku) ? sku : [sku];
  const replaces = options.replaces ?? [];
  const facts = skus.map((s) => ({
    title: 'Assign',
    value: `${plainText(s.skuName, 120)} (${s.free} free now, ${Math.max(0, s.free - 1)} after)`,
  }));
  for (const r of replaces) facts.push({ title: 'Remove', value: plainText(r.skuName, 120) });
  const data = {
    upn: isolated(plainText(mailbox.userPrincipalName, 120)),
    name: plainText(mailbox.displayName) || plainText(mailbox.userPrincipalName),
    hasWhy: Boolean(options.why),
    why: plainText(options.why ?? '', 400),
    facts,
    hasWarning: Boolean(options.needsUsageLocation),
    warning: 'The account has no usage location: Microsoft will refuse the licence until one is set.',
    actions: [
      assignLicenseButton.button(
        'Confirm',
        {
          upn: mailbox.userPrincipalName,
          skuId: skus[0]?.skuId,
          skuIds: skus.map((s) => s.skuId),
          removeSkuIds: replaces.map((r) => r.skuId),
        },
        { style: 'positive' },
      ),
      assignCancelButton.button('Cancel', { upn: mailbox.userPrincipalName }),
    ],
  };
  return renderCard(confirmTemplate, data);
}

export type AssignOutcome =
  | { outcome: 'assigned' }
  | { outcome: 'refused'; refusal: GraphRefusal }
  | { outcome: 'cancelled' }
  /** Refused by the bot itself: remediation off, or the caller is not an admin. */
  | { outcome: 'not-allowed'; reason: string };

export interface AssignResultInput {
  mailbox: LicenseTarget;
  skus: { skuId: string; skuName: string }[];
  removed?: { skuId: string; skuName: string }[];
  /** Who clicked Confirm, as Teams names them. */
  requestedBy: string;
  /** ISO time of the change. */
  at: string;
  result: AssignOutcome;
  actions?: object[];
}

export function assignLicenseResultCard(input: AssignResultInput): AdaptiveCard {
  const names = input.skus.map((s) => s.skuName).join(' and ') || 'the licence';
  const removed = (input.removed ?? []).map((s) => s.skuName).join(' and ');
  let headline: string;
  let style: string;
  let detail: string;
  let graphMessage = '';
  switch (input.result.outcome) {
    case 'assigned':
      headline = 'Licence assigned';
      style = 'good';
      detail = `${names} assigned${removed ? `, ${removed} removed` : ''}. Exchange can take a few minutes to apply it; run shared again to check.`;
      break;
    case 'refused': {
      const explained = explainAssignRefusal(input.result.refusal, names);
      headline = 'Microsoft refused the licence';
      style = 'attention';
      detail = `${explained.text} Nothing was changed.`;
      graphMessage = input.result.refusal.message ? `Microsoft Graph said: ${input.result.refusal.message}` : '';
      break;
    }
    case 'cancelled':
      headline = 'Cancelled';
      style = 'default';
      detail = `Nothing was changed. ${names} was not assigned.`;
      break;
    default:
      headline = 'Not allowed';
      style = 'warning';
      detail = input.result.reason;
  }
  const data = {
    headline,
    style,
    upn: isolated(plainText(input.mailbox.userPrincipalName, 120)),
    name: plainText(input.mailbox.displayName) || plainText(input.mailbox.userPrincipalName),
    detail: plainText(detail, 600),
    hasGraphMessage: graphMessage !== '',
    graphMessage: plainText(graphMessage, 400),
    who: `${input.result.outcome === 'cancelled' ? 'Cancelled' : 'Requested'} by ${isolated(plainText(input.requestedBy, 80))}, ${localDateTime(input.at)}`,
    actions: input.actions ?? [],
  };
  return renderCard(resultTemplate, data);
}
