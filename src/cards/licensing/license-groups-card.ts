// `licenses by department|country|company`: one row per group with its people, seats, cost and
// waste a month, the costliest first. ColumnSet rows (Teams mobile draws a Table blank); group names
// are tenant text and go in TextRuns.
import { formatCount } from '../../reports/format';
import type { LicenseCost } from '../../reports/licensing/license-cost';
import type { LicenseGroups } from '../../reports/licensing/license-groups';
import { formatMoney } from '../../reports/licensing/prices';
import { localDateTime } from '../date-text';
import { fitCard, type FittedCard } from '../fit';
import { plainText } from '../plain-text';
import { adaptiveCard, type AdaptiveCard } from '../render';
import { priceSourceLine } from './license-money';

const LABEL = { department: 'department', country: 'country', companyName: 'company' } as const;

export interface LicenseGroupsCardInput {
  groups: LicenseGroups;
  cost: LicenseCost;
  asOf: string;
  actions?: object[];
}

const text = (value: string, extra: object = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const cell = (items: object[], width: string | number, right = false) => ({
  type: 'Column',
  width,
  items: right ? items.map((i) => ({ ...i, horizontalAlignment: 'Right' })) : items,
});

export function renderLicenseGroupsCard(input: LicenseGroupsCardInput, rows: number): AdaptiveCard {
  const { groups } = input;
  const label = LABEL[groups.by];
  const shown = groups.groups.slice(0, rows);
  const header = {
    type: 'ColumnSet',
    columns: [
      cell([text(label[0].toUpperCase() + label.slice(1), { weight: 'Bolder' })], 'stretch'),
      cell([text('People', { weight: 'Bolder' })], 'auto', true),
      cell([text('Cost/month', { weight: 'Bolder' })], 'auto', true),
      cell([text('Waste/month', { weight: 'Bolder' })], 'auto', true),
    ],
  };
  const body: object[] = [
    text(`Licences by ${label}`, { size: 'Large', weight: 'Bolder' }),
    text(`As of ${localDateTime(input.asOf)}`, { isSubtle: true, spacing: 'None' }),
    text(
      groups.groups.length === 0
        ? 'No licensed accounts.'
        : `${formatCount(groups.groups.length)} ${label === 'country' ? 'countries' : label === 'company' ? 'companies' : 'departments'}, costliest first${shown.length < groups.groups.length ? ` (${formatCount(shown.length)} shown; all with: export licenses)` : ''}`,
      { weight: 'Bolder', spacing: 'Medium' },
    ),
  ];
  if (shown.length > 0) body.push(header);
  for (const g of shown) {
    body.push({
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        cell(
          [
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: plainText(g.name || `(no ${label})`, 60) }] },
            {
              type: 'RichTextBlock',
              spacing: 'None',
              inlines: [
                {
                  type: 'TextRun',
                  text: `${formatCount(g.seats)} ${g.seats === 1 ? 'seat' : 'seats'}, ${formatCount(g.wastedSeats)} wasted${g.unpricedSeats ? `, ${formatCount(g.unpricedSeats)} without a price` : ''}`,
                  isSubtle: true,
                  size: 'Small',
                },
              ],
            },
          ],
          'stretch',
        ),
        cell([text(formatCount(g.people))], 'auto', true),
        cell([text(formatMoney(g.monthly))], 'auto', true),
        cell([text(formatMoney(g.wasteMonthly), { color: g.wastedSeats > 0 ? 'Warning' : 'Default' })], 'auto', true),
      ],
    });
  }
  body.push(
    text(
      `Seats bought and assigned to nobody belong to no ${label}: ${formatCount(groups.unassigned.seats)} seats, ${formatMoney(groups.unassigned.monthly)}/month. Waste here: seats on disabled or inactive accounts and licences on shared mailboxes that need none.`,
      { isSubtle: true, size: 'Small', spacing: 'Medium' },
    ),
    {
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: plainText(priceSourceLine(input.cost), 600), isSubtle: true, size: 'Small' }],
    },
  );
  return adaptiveCard(body, input.actions ?? [], { msteams: { width: 'Full' } });
}

export function licenseGroupsCard(input: LicenseGroupsCardInput): FittedCard {
  return fitCard((n) => renderLicenseGroupsCard(input, n), input.groups.groups.length);
}
