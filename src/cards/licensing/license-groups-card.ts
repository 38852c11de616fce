// `licenses by department|country|company`: one row per group with its people, seats, cost and
// waste a month, the costliest first. ColumnSet rows (Teams mobile draws a Table blank); group names
// are tenant text and go in TextRuns.
import { formatCount } from '../../reports/format';
import type { LicenseCost } from '../../reports/licensing/license-cost';
import type { LicenseGroups } from '../../reports/licensing/license-groups';
import { formatMoney } from '../../reports/licensing/prices';
import { localDateTime } from '../date-text';
import { fitCard, type FittedCard } from '../fit';
import { headerLinesData, type HeaderLines } from '../header-lines';
import { plainText } from '../plain-text';
import { renderCard, type AdaptiveCard } from '../render';
import { priceSourceLine } from './license-money';
import template from './templates/license-groups.json';

const LABEL = { department: 'department', country: 'country', companyName: 'company' } as const;

export interface LicenseGroupsCardInput {
  groups: LicenseGroups;
  cost: LicenseCost;
  asOf: string;
  /** Under the header: what could not be read. */
  lines?: HeaderLines;
  actions?: object[];
}

/** The card with the first `rows` groups. */
function renderLicenseGroupsCard(input: LicenseGroupsCardInput, rows: number): AdaptiveCard {
  const { groups } = input;
  const label = LABEL[groups.by];
  const shown = groups.groups.slice(0, rows);
  const plural = label === 'country' ? 'countries' : label === 'company' ? 'companies' : 'departments';
  return renderCard(template, {
    title: `Licences by ${label}`,
    asOf: `As of ${localDateTime(input.asOf)}`,
    lines: headerLinesData(input.lines),
    groupLine:
      groups.groups.length === 0
        ? 'No licensed accounts.'
        : `${formatCount(groups.groups.length)} ${plural}, costliest first${shown.length < groups.groups.length ? ` (${formatCount(shown.length)} shown; all with: export licenses)` : ''}`,
    hasRows: shown.length > 0,
    heading: label[0].toUpperCase() + label.slice(1),
    rows: shown.map((g) => ({
      name: plainText(g.name || `(no ${label})`, 60),
      seats: `${formatCount(g.seats)} ${g.seats === 1 ? 'seat' : 'seats'}, ${formatCount(g.wastedSeats)} wasted${g.unpricedSeats ? `, ${formatCount(g.unpricedSeats)} without a price` : ''}`,
      people: formatCount(g.people),
      monthly: formatMoney(g.monthly),
      waste: formatMoney(g.wasteMonthly),
      wasteColor: g.wastedSeats > 0 ? 'Warning' : 'Default',
    })),
    unassigned: `Seats bought and assigned to nobody belong to no ${label}: ${formatCount(groups.unassigned.seats)} seats, ${formatMoney(groups.unassigned.monthly)}/month. Waste here: seats on disabled or inactive accounts and licences on shared mailboxes that need none.`,
    priceSource: plainText(priceSourceLine(input.cost), 600),
    actions: input.actions ?? [],
  });
}

/** The `licenses by …` card with as many groups as fit under the Teams size limit. */
export function licenseGroupsCard(input: LicenseGroupsCardInput): FittedCard {
  return fitCard((n) => renderLicenseGroupsCard(input, n), input.groups.groups.length);
}
