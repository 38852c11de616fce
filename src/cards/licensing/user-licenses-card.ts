// `licenses <upn>`: one account's licences by name, its Exchange plan, and whether its mailbox fits.
import { formatBytes, formatPercent } from '../../reports/format';
import type { UserLicenseReport } from '../../reports/licensing/user-licenses';
import { headerLinesData } from '../header-lines';
import { isolated, plainText } from '../plain-text';
import { renderCard, type AdaptiveCard } from '../render';
import { poolBar } from './licenses-card';
import template from './templates/user-licenses.json';

/** `notice`, under the name: what could not be read (the mailbox, its size). */
export function userLicensesCard(report: UserLicenseReport, actions: object[] = [], notice = ''): AdaptiveCard {
  const ex = report.exchange;
  const facts = [
    { title: 'Exchange plan', value: report.planLabel },
    { title: 'Can sign in', value: report.accountEnabled ? 'Yes' : 'No' },
    {
      title: 'Usage location',
      value: report.usageLocation ? plainText(report.usageLocation, 10) : 'not set (licences cannot be assigned)',
    },
  ];
  const notes = [
    ...ex.pending.map((p) => `${p.planLabel} from ${p.skuName} is not in effect yet (${p.status}).`),
    ...ex.disabled.map((p) => `${p.planLabel} is switched off in ${p.skuName}.`),
    ...ex.unknownSkuIds.map((id) => `Licence ${id} is not among the tenant's subscriptions.`),
  ].map((n) => plainText(n, 300));

  const m = report.mailbox;
  const percent = m && m.usedRatio !== null ? m.usedRatio * 100 : null;
  const fit = {
    show: m !== null,
    gauge: percent !== null,
    percent: percent === null ? 0 : Math.round(Math.min(percent, 100) * 10) / 10,
    style: m?.fits === false ? 'attention' : percent !== null && percent >= 90 ? 'warning' : 'default',
    headline: !m
      ? ''
      : m.fits === null
        ? 'Mailbox size against its plan: unknown'
        : m.fits
          ? `The mailbox fits its plan (${formatPercent(percent)} of ${formatBytes(m.planQuotaBytes)})`
          : `The mailbox is larger than its plan allows (${formatBytes(m.sizeBytes)} of ${formatBytes(m.planQuotaBytes)})`,
    bar: percent === null ? '' : `${poolBar({ bought: 100, assigned: Math.min(percent, 100) })} ${formatPercent(percent)}`,
    detail: !m
      ? ''
      : plainText(
          `${formatBytes(m.sizeBytes)} used; ${m.planQuotaBytes === null ? m.quotaSource : `${formatBytes(m.planQuotaBytes)} from ${m.quotaSource}`}; ` +
            `Exchange's own limit: ${m.mailboxQuotaBytes === null ? 'unlimited' : formatBytes(m.mailboxQuotaBytes)}.`,
          400,
        ),
  };
  const data = {
    name: plainText(report.displayName) || plainText(report.userPrincipalName),
    upn: isolated(plainText(report.userPrincipalName, 120)),
    lines: headerLinesData({ notice }),
    facts,
    fit,
    licenseLine:
      report.licenses.length === 0
        ? 'No licences assigned.'
        : `${report.licenses.length} ${report.licenses.length === 1 ? 'licence' : 'licences'}`,
    licenses: report.licenses.map((l) => ({
      name: plainText(l.name, 100),
      partNumber: plainText(l.partNumber, 60),
      disabled: l.disabledPlans.length ? plainText(`Switched off: ${l.disabledPlans.join(', ')}`, 400) : 'All service plans on',
    })),
    notes,
    actions,
  };
  return renderCard(template, data);
}
