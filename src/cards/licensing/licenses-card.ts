// The `licenses` card: pools running out called out first, a bar per pool, the numbers, then waste.
import { formatCount, relativeTime } from '../../reports/format';
import type { LicensePool } from '../../reports/licensing/license-pools';
import type { LicenseWaste } from '../../reports/licensing/license-waste';
import type { LicenseCost } from '../../reports/licensing/license-cost';
import { licenseMoneyData, renewalsData, type RenewalsView } from './license-money';
import { localDateTime } from '../date-text';
import { fitCard, type FittedCard } from '../fit';
import { headerLinesData, type HeaderLines } from '../header-lines';
import { plainText } from '../plain-text';
import { renderCard, type AdaptiveCard } from '../render';
import template from './templates/licenses.json';

export interface LicensesCardInput {
  pools: LicensePool[];
  waste: LicenseWaste;
  /** The same in money; absent, the card shows counts only. */
  cost?: LicenseCost;
  /** Subscriptions renewing soon, shown after the money. */
  renewals?: RenewalsView;
  /** ISO time the data was read. */
  asOf: string;
  /** Under the header: what could not be read. */
  lines?: HeaderLines;
  actions?: object[];
}

const CHART_BARS = 10;
/**
 * Subscriptions listed on the card, running out first: the ones that need action lead, and ten is
 * about one phone screen at two lines each. The rest are in `export licenses`.
 */
export const POOL_ROWS = 10;
const WASTE_EXAMPLES = 3;

/** "██████░░░░" of assigned against bought, for clients that do not draw charts. */
export function poolBar(pool: Pick<LicensePool, 'bought' | 'assigned'>, width = 10): string {
  const share = pool.bought > 0 ? Math.min(1, pool.assigned / pool.bought) : pool.assigned > 0 ? 1 : 0;
  const filled = Math.round(share * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function statusWords(pool: LicensePool): string {
  const parts = [pool.status];
  if (pool.warningUnits > 0) parts.push(`${formatCount(pool.warningUnits)} expiring`);
  if (pool.suspendedUnits > 0) parts.push(`${formatCount(pool.suspendedUnits)} suspended`);
  if (pool.lockedOutUnits > 0) parts.push(`${formatCount(pool.lockedOutUnits)} locked out`);
  return parts.join(' · ');
}

function poolRow(pool: LicensePool) {
  // An add-on's Exchange plan often bears the product's own name: say it once.
  const plan = pool.exchangePlan && pool.exchangePlan !== pool.name ? pool.exchangePlan : '';
  const sub = plainText([pool.partNumber, plan].filter(Boolean).join(' · '), 120);
  // "Enabled" alone is no news; a suspended or expiring pool says so in colour after the part number.
  const status = statusWords(pool);
  const statusText = status.toLowerCase() === 'enabled' ? '' : plainText(status, 80);
  return {
    name: plainText(pool.name, 80),
    sub,
    free: formatCount(pool.free),
    freeColor: pool.level === 'exhausted' ? 'Attention' : pool.level === 'nearly' ? 'Warning' : 'Default',
    usedOf: `${formatCount(pool.assigned)}/${formatCount(pool.bought)}`,
    status: statusText && sub ? ` · ${statusText}` : statusText,
    statusColor: pool.status.toLowerCase() === 'enabled' ? 'Warning' : 'Attention',
  };
}

function callouts(pools: LicensePool[]) {
  const line = (label: string, list: LicensePool[]) =>
    list.length === 0
      ? []
      : [
          {
            label,
            text: list.map((p) => `${plainText(p.name, 60)} (${formatCount(p.assigned)} of ${formatCount(p.bought)} assigned)`).join(', '),
          },
        ];
  return [
    ...line(
      'Exhausted: ',
      pools.filter((p) => p.level === 'exhausted'),
    ),
    ...line(
      'Nearly exhausted: ',
      pools.filter((p) => p.level === 'nearly'),
    ),
  ];
}

/** Which signal judged "inactive": every Microsoft 365 service, or the mailbox alone and why. */
function activityWords(waste: LicenseWaste): string {
  const source = waste.activitySource;
  if (source.kind === 'all-services')
    return `every Microsoft 365 service, active-user report${source.refreshDate ? ` of ${source.refreshDate}` : ''}`;
  return `mailbox use only: ${source.why}`;
}

function wasteSection(waste: LicenseWaste, now: Date) {
  const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
  const licenses = (list: string[]) => plainText(list.join(', '), 120);
  const groups = [
    {
      title: 'On accounts that cannot sign in',
      examples: waste.disabledAccounts.slice(0, WASTE_EXAMPLES).map((w) => ({
        name: plainText(w.displayName) || plainText(w.userPrincipalName),
        detail: licenses(w.licenses),
      })),
    },
    {
      title: `Inactive ${waste.inactiveDays}+ days (${activityWords(waste)})`,
      examples: waste.inactiveMailboxes.slice(0, WASTE_EXAMPLES).map((w) => ({
        name: plainText(w.displayName) || plainText(w.userPrincipalName),
        detail: `${w.signal}${w.lastInteractionTime ? `, last ${relativeTime(w.lastInteractionTime, now)}` : ''} · ${licenses(w.licenses)}`,
      })),
    },
    {
      title: 'Shared mailboxes licensed without need',
      examples: waste.sharedWithoutNeed.slice(0, WASTE_EXAMPLES).map((v) => ({
        name: plainText(v.displayName) || plainText(v.userPrincipalName),
        detail: licenses(v.licenses.map((l) => l.skuName)),
      })),
    },
  ].filter((g) => g.examples.length > 0);
  return {
    counts: [
      { label: 'Accounts that cannot sign in', value: plural(waste.disabledAccounts.length, 'account', 'accounts') },
      { label: `Inactive ${waste.inactiveDays}+ days`, value: plural(waste.inactiveMailboxes.length, 'account', 'accounts') },
      { label: 'Shared, not needed', value: plural(waste.sharedWithoutNeed.length, 'mailbox', 'mailboxes') },
      { label: 'Licences in all', value: formatCount(waste.licenseCount) },
    ],
    groups,
  };
}

/** The card with `poolCount` pools listed (at most POOL_ROWS). */
function renderLicensesCard(input: LicensesCardInput, poolCount: number): AdaptiveCard {
  const shown = Math.min(poolCount, POOL_ROWS, input.pools.length);
  const charted = input.pools.filter((p) => p.bought > 0 || p.assigned > 0).slice(0, CHART_BARS);
  const limitNote =
    shown < input.pools.length
      ? `${formatCount(shown)} of ${formatCount(input.pools.length)} subscriptions shown. Get them all with: export licenses`
      : '';
  const data = {
    asOf: `As of ${localDateTime(input.asOf)}`,
    lines: headerLinesData(input.lines),
    hasCallouts: callouts(input.pools).length > 0,
    callouts: callouts(input.pools),
    chart: {
      show: charted.length > 0,
      title: charted.length < input.pools.length ? `Assigned and free, ${charted.length} subscriptions` : 'Assigned and free',
      bars: charted.map((p) => ({
        title: plainText(p.name, 40),
        assigned: p.assigned,
        free: Math.max(0, p.free),
        assignedColor: p.level === 'ok' ? 'neutral' : 'attention',
        bar: poolBar(p),
        numbers: `${formatCount(p.assigned)}/${formatCount(p.bought)}`,
      })),
    },
    poolLine:
      input.pools.length === 0 ? 'The tenant has no subscriptions.' : `${formatCount(input.pools.length)} subscriptions, running out first`,
    hasLimitNote: limitNote !== '',
    limitNote,
    hasPools: shown > 0,
    pools: input.pools.slice(0, shown).map(poolRow),
    waste: wasteSection(input.waste, new Date(input.asOf)),
    money: licenseMoneyData(input.cost, shown),
    renewals: renewalsData(input.renewals),
    actions: input.actions ?? [],
  };
  return renderCard(template, data);
}

/** The `licenses` card with as many subscriptions as fit under the Teams size limit. */
export function licensesCard(input: LicensesCardInput): FittedCard {
  return fitCard((n) => renderLicensesCard(input, n), Math.min(POOL_ROWS, input.pools.length));
}
