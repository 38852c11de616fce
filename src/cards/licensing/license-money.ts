// The money pieces of the `licenses` card as template data (templates/licenses.json): cost per
// subscription, the waste under three headings (reassign now / cut at renewal), where the prices come
// from, and the renewals. The template draws them with ColumnSet, FactSet and TextBlock only (Teams
// mobile draws a Table blank), tenant text in TextRuns (see plain-text.ts).
import { formatCount } from '../../reports/format';
import type { LicenseCost, WasteHeading, WasteHeadingKey, WasteSplit } from '../../reports/licensing/license-cost';
import { addMoney, formatMoney, type Money } from '../../reports/licensing/prices';
import type { Renewal } from '../../reports/licensing/renewals';
import { plainText } from '../plain-text';

export const WASTE_TITLES: Record<WasteHeadingKey, string> = {
  unassigned: 'Unassigned seats',
  inactive: 'Seats on disabled or inactive accounts',
  shared: 'Licences on shared mailboxes that need none',
};

/** Where the card's prices come from, in one line: every card that shows money says it. */
export function priceSourceLine(cost: LicenseCost): string {
  const parts: string[] = [];
  const list = cost.priceOrigins.list;
  if (list.length > 0) {
    const dates = [...new Set(list.map((p) => p.effective))].sort();
    const sources = [...new Set(list.map((p) => p.sourceUrl ?? p.source))];
    parts.push(`Microsoft list prices in USD per user per month, annual commitment, effective ${dates.join(', ')} (${sources.join(', ')})`);
  }
  const own = cost.priceOrigins.tenant;
  if (own.length > 0) parts.push(`your prices for ${own.map((p) => `${p.partNumber} (${p.source})`).join(', ')}`);
  if (cost.unpriced.length > 0) parts.push(`no price for ${cost.unpriced.join(', ')}: set one with price <sku> <amount>`);
  return `Prices: ${parts.length > 0 ? parts.join('; ') : 'none known'}. See: price list`;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;
const seats = (n: number) => plural(n, 'seat', 'seats');

function split(part: WasteSplit): string {
  return part.seats === 0 ? 'none' : `${seats(part.seats)} · ${formatMoney(part.monthly)}/month`;
}

function wasteHeading(h: WasteHeading) {
  const who =
    h.key === 'unassigned'
      ? seats(h.seats)
      : `${h.key === 'shared' ? plural(h.people, 'mailbox', 'mailboxes') : plural(h.people, 'account', 'accounts')}, ${seats(h.seats)}`;
  const facts = [
    { title: 'Reassign now', value: split(h.reassignNow) },
    { title: 'Cut at renewal', value: split(h.cutAtRenewal) },
  ];
  if (h.unpricedSeats > 0) facts.push({ title: 'Without a price', value: seats(h.unpricedSeats) });
  return { title: WASTE_TITLES[h.key], who, monthly: `${formatMoney(h.monthly)}/month`, yearly: `${formatMoney(h.yearly)}/year`, facts };
}

/** The card's money: cost per subscription (the first `skuRows`), the waste headings, the price line; `show` false without prices. */
export function licenseMoneyData(cost: LicenseCost | undefined, skuRows: number) {
  if (!cost) return { show: false, bought: '', waste: '', hasSkus: false, skus: [], headings: [], priceSource: '' };
  const shown = cost.skus.filter((s) => s.bought > 0 || s.wastedSeats > 0).slice(0, skuRows);
  return {
    show: true,
    bought: `${formatMoney(cost.boughtMonthly)}/month`,
    waste: `${formatMoney(cost.wasteMonthly)}/month · ${formatMoney(cost.wasteYearly)}/year`,
    hasSkus: shown.length > 0,
    skus: shown.map((s) => ({
      name: plainText(s.name, 60),
      sub: plainText(
        `${seats(s.bought)} · ${s.price ? `${formatMoney(s.price.monthly, s.price.currency)} each (${s.price.origin === 'tenant' ? 'your price' : 'list'})` : 'no price'}`,
        120,
      ),
      bought: s.price ? formatMoney(s.boughtMonthly!, s.price.currency) : '—',
      wasted: s.price ? formatMoney(s.wastedMonthly!, s.price.currency) : '—',
      wastedColor: s.wastedSeats > 0 ? 'Warning' : 'Default',
    })),
    headings: cost.headings.map(wasteHeading),
    priceSource: plainText(priceSourceLine(cost), 600),
  };
}

/**
 * Renewals listed one by one, the soonest first; the rest are summed in a line. A tenant may hold
 * hundreds of subscriptions and the card must stay within Teams' message size and a phone's screen.
 */
export const RENEWAL_ROWS = 10;

export type RenewalsView = { ok: true; renewals: Renewal[]; withinDays: number } | { ok: false; why: string };

/** Renewals in the next N days: each with its date, seats unused of seats, and the money at stake; `show` false without a view. */
export function renewalsData(view: RenewalsView | undefined) {
  const none = { show: false, text: '' };
  if (!view) return { show: false, title: '', unknown: none, none: false, rows: [], later: none };
  if (!view.ok)
    return {
      show: true,
      title: 'Renewals',
      unknown: { show: true, text: plainText(`Unknown: ${view.why}`, 300) },
      none: false,
      rows: [],
      later: none,
    };
  const later = view.renewals.slice(RENEWAL_ROWS);
  return {
    show: true,
    title: `Renewals in the next ${view.withinDays} days`,
    unknown: none,
    none: view.renewals.length === 0,
    rows: view.renewals.slice(0, RENEWAL_ROWS).map((r) => ({
      name: plainText(r.name, 60),
      sub: plainText(
        `${r.isTrial ? 'trial ends' : 'renews'} ${r.date.slice(0, 10)}, in ${r.days} day${r.days === 1 ? '' : 's'} · ${r.status}`,
        120,
      ),
      unused: `${formatCount(r.unusedSeats)} of ${seats(r.seats)} unused`,
      unusedColor: r.unusedSeats > 0 ? 'Warning' : 'Default',
      unusedMoney: r.price && r.unusedMonthly !== null ? `${formatMoney(r.unusedMonthly, r.price.currency)}/month` : '—',
    })),
    later: later.length > 0 ? { show: true, text: laterRenewals(later) } : none,
  };
}

/** The renewals past the first RENEWAL_ROWS, in one line: how many, until when, and what their unused seats cost. */
function laterRenewals(later: Renewal[]): string {
  const unused = later.reduce((n, r) => n + r.unusedSeats, 0);
  const money = later.reduce<Money>(
    (m, r) => (r.price && r.unusedMonthly !== null ? addMoney(m, r.price.currency, r.unusedMonthly) : m),
    {},
  );
  const priced = Object.keys(money).length > 0 ? ` · ${formatMoney(money)}/month` : '';
  return `${plural(later.length, 'more renews', 'more renew')} by ${later[later.length - 1].date.slice(0, 10)}: ${seats(unused)} unused${priced}.`;
}
