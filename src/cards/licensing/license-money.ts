// The money pieces of the `licenses` card: cost per subscription, the waste under three headings
// (reassign now / cut at renewal), and where the prices come from. Built from ColumnSet, FactSet and
// TextBlock only: Teams mobile draws a Table blank. Tenant text goes in TextRuns (see plain-text.ts).
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

const text = (value: string, extra: object = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const run = (value: string, extra: object = {}) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value, ...extra }] });

function column(items: object[], width: string | number, right = false) {
  return { type: 'Column', width, items: right ? items.map((i) => ({ ...i, horizontalAlignment: 'Right' })) : items };
}

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
  return {
    type: 'Container',
    spacing: 'Small',
    items: [
      {
        type: 'ColumnSet',
        columns: [
          column([text(WASTE_TITLES[h.key], { weight: 'Bolder' }), text(who, { isSubtle: true, spacing: 'None' })], 'stretch'),
          column(
            [
              text(`${formatMoney(h.monthly)}/month`, { weight: 'Bolder' }),
              text(`${formatMoney(h.yearly)}/year`, { isSubtle: true, spacing: 'None' }),
            ],
            'auto',
            true,
          ),
        ],
      },
      { type: 'FactSet', spacing: 'None', facts },
    ],
  };
}

/** Card elements: cost per subscription (the first `skuRows`), the waste headings, the price line. */
export function licenseMoneyElements(cost: LicenseCost, skuRows: number): object[] {
  const shown = cost.skus.filter((s) => s.bought > 0 || s.wastedSeats > 0).slice(0, skuRows);
  const header = {
    type: 'ColumnSet',
    columns: [
      column([text('Subscription', { weight: 'Bolder' })], 'stretch'),
      column([text('Bought/month', { weight: 'Bolder' })], 'auto', true),
      column([text('Wasted/month', { weight: 'Bolder' })], 'auto', true),
    ],
  };
  const rows = shown.map((s) => ({
    type: 'ColumnSet',
    spacing: 'Small',
    columns: [
      column(
        [
          run(plainText(s.name, 60), { weight: 'Bolder' }),
          {
            ...run(
              plainText(
                `${seats(s.bought)} · ${s.price ? `${formatMoney(s.price.monthly, s.price.currency)} each (${s.price.origin === 'tenant' ? 'your price' : 'list'})` : 'no price'}`,
                120,
              ),
              { isSubtle: true, size: 'Small' },
            ),
            spacing: 'None',
          },
        ],
        'stretch',
      ),
      column([text(s.price ? formatMoney(s.boughtMonthly!, s.price.currency) : '—')], 'auto', true),
      column(
        [text(s.price ? formatMoney(s.wastedMonthly!, s.price.currency) : '—', { color: s.wastedSeats > 0 ? 'Warning' : 'Default' })],
        'auto',
        true,
      ),
    ],
  }));
  return [
    text('Cost', { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Seats bought', value: `${formatMoney(cost.boughtMonthly)}/month` },
        { title: 'Waste', value: `${formatMoney(cost.wasteMonthly)}/month · ${formatMoney(cost.wasteYearly)}/year` },
      ],
    },
    ...(shown.length > 0 ? [header, ...rows] : []),
    text('Waste in money', { weight: 'Bolder', size: 'Medium', spacing: 'Large', separator: true }),
    ...cost.headings.map(wasteHeading),
    text(
      'Reassign now: a seat someone else needs today (an over-assigned subscription, a shared mailbox that must have a licence). Cut at renewal: lower the seat count when the subscription renews (next month on a monthly term).',
      { isSubtle: true, size: 'Small' },
    ),
    { ...run(plainText(priceSourceLine(cost), 600), { isSubtle: true, size: 'Small' }), spacing: 'Small' },
  ];
}

/**
 * Renewals listed one by one, the soonest first; the rest are summed in a line. A tenant may hold
 * hundreds of subscriptions and the card must stay within Teams' message size and a phone's screen.
 */
export const RENEWAL_ROWS = 10;

export type RenewalsView = { ok: true; renewals: Renewal[]; withinDays: number } | { ok: false; why: string };

/** Renewals in the next N days: each with its date, seats unused of seats, and the money at stake. */
export function renewalElements(view: RenewalsView): object[] {
  const title = text(view.ok ? `Renewals in the next ${view.withinDays} days` : 'Renewals', {
    weight: 'Bolder',
    size: 'Medium',
    spacing: 'Large',
    separator: true,
  });
  if (!view.ok) return [title, { ...run(plainText(`Unknown: ${view.why}`, 300), { isSubtle: true }), spacing: 'None' }];
  if (view.renewals.length === 0) return [title, text('None.', { isSubtle: true, spacing: 'None' })];
  const later = view.renewals.slice(RENEWAL_ROWS);
  return [
    title,
    ...view.renewals.slice(0, RENEWAL_ROWS).map((r) => ({
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        column(
          [
            run(plainText(r.name, 60), { weight: 'Bolder' }),
            {
              ...run(
                plainText(
                  `${r.isTrial ? 'trial ends' : 'renews'} ${r.date.slice(0, 10)}, in ${r.days} day${r.days === 1 ? '' : 's'} · ${r.status}`,
                  120,
                ),
                { isSubtle: true, size: 'Small' },
              ),
              spacing: 'None',
            },
          ],
          'stretch',
        ),
        column(
          [text(`${formatCount(r.unusedSeats)} of ${seats(r.seats)} unused`, { color: r.unusedSeats > 0 ? 'Warning' : 'Default' })],
          'auto',
          true,
        ),
        column([text(r.price && r.unusedMonthly !== null ? `${formatMoney(r.unusedMonthly, r.price.currency)}/month` : '—')], 'auto', true),
      ],
    })),
    ...(later.length > 0 ? [laterRenewals(later)] : []),
  ];
}

/** The renewals past the first RENEWAL_ROWS, in one line: how many, until when, and what their unused seats cost. */
function laterRenewals(later: Renewal[]): object {
  const unused = later.reduce((n, r) => n + r.unusedSeats, 0);
  const money = later.reduce<Money>(
    (m, r) => (r.price && r.unusedMonthly !== null ? addMoney(m, r.price.currency, r.unusedMonthly) : m),
    {},
  );
  const priced = Object.keys(money).length > 0 ? ` · ${formatMoney(money)}/month` : '';
  return text(
    `${plural(later.length, 'more renews', 'more renew')} by ${later[later.length - 1].date.slice(0, 10)}: ${seats(unused)} unused${priced}.`,
    { isSubtle: true, size: 'Small', spacing: 'Small' },
  );
}
