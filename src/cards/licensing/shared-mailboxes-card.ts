// The `shared` report as a card: four counts, then the mailboxes most at risk, each with its
// reasons, the fix, a Details button and (for admins, when remediation is on) Assign licence.
import { formatBytes, formatCount } from '../../reports/format';
import { assignableFix, assignLicenseData } from '../../reports/licensing/license-assignment';
import { countVerdicts, rankByRisk, type SharedMailboxVerdict } from '../../reports/licensing/shared-mailbox-verdict';
import { localDateTime } from '../date-text';
import { fitCard, type FittedCard } from '../fit';
import { headerLinesData, type HeaderLines } from '../header-lines';
import { isolated, plainText } from '../plain-text';
import { renderCard, type AdaptiveCard } from '../render';
import { assignConfirmButton } from '../../buttons/license-assign';
import { mailboxDetailsButton } from '../../buttons/mailbox-details';
import template from './templates/shared-mailboxes.json';

export interface SharedMailboxesCardInput {
  verdicts: SharedMailboxVerdict[];
  /** ISO time the data was read. */
  asOf: string;
  /** Remediation is on in the settings and the caller is an admin: offer Assign licence. */
  remediationAllowed: boolean;
  /** Under the header: what could not be read, where the sizes come from. */
  lines?: HeaderLines;
  /** Buttons under the card (Refresh, Export…). */
  actions?: object[];
}

/**
 * Mailboxes shown, most at risk first. Each takes five lines and its buttons, so five fill about one
 * phone screen under the counts; the counts already answer "how many", and `export shared` has all.
 */
export const SHARED_ROWS = 5;

const BADGE: Record<SharedMailboxVerdict['kind'], { text: string; color: string }> = {
  'needs-licence': { text: 'Needs a licence now', color: 'Attention' },
  soon: { text: 'Will need one soon', color: 'Warning' },
  'licensed-without-need': { text: 'Licence not needed', color: 'Accent' },
  ok: { text: 'Can sign in', color: 'Attention' },
};

function rowData(v: SharedMailboxVerdict, remediationAllowed: boolean) {
  const badge = v.kind === 'ok' ? BADGE.ok : BADGE[v.kind];
  const facts = [formatBytes(v.sizeBytes)];
  if (v.archive) facts.push(`archive ${formatBytes(v.archiveSizeBytes)}`);
  if (v.licenses.length > 0) facts.push(v.licenses.map((l) => l.skuName).join(', '));
  else if (v.licenseCheck === 'checked') facts.push('no licence');
  const actions: object[] = [mailboxDetailsButton.button('Details', { upn: v.userPrincipalName })];
  const fix = assignableFix(v);
  if (remediationAllowed && fix) {
    actions.push(assignConfirmButton.button('Assign licence', assignLicenseData(v, fix)));
  }
  const note = v.notes[0] ?? '';
  const more = v.notes.length > 1 ? ` (+${v.notes.length - 1} more in Details)` : '';
  return {
    badge: badge.text,
    color: badge.color,
    name: plainText(v.displayName) || plainText(v.userPrincipalName),
    sub: `${isolated(plainText(v.userPrincipalName, 80))} · ${plainText(facts.join(' · '), 200)}`,
    signIn: v.canSignIn && v.kind !== 'ok' ? ' · account can sign in' : '',
    why: plainText(v.why, 400),
    hasFix: Boolean(v.fix),
    fix: plainText(v.fix?.text ?? '', 400),
    hasNote: note !== '',
    note: plainText(note, 300) + more,
    actions,
  };
}

/** Mailboxes worth a line: all but those that are fine and cannot sign in. */
export function mailboxesToShow(verdicts: SharedMailboxVerdict[]): SharedMailboxVerdict[] {
  return rankByRisk(verdicts).filter((v) => v.kind !== 'ok' || v.canSignIn);
}

/** The card with `rowCount` rows of `shownList`. */
function renderSharedMailboxesCard(input: SharedMailboxesCardInput, rowCount: number, shownList: SharedMailboxVerdict[]): AdaptiveCard {
  const counts = countVerdicts(input.verdicts);
  const shown = Math.min(rowCount, SHARED_ROWS, shownList.length);
  const limitNote =
    shown < shownList.length
      ? `The ${formatCount(shown)} most at risk of ${formatCount(shownList.length)}. Get every one with: export shared`
      : '';
  const data = {
    asOf: `As of ${localDateTime(input.asOf)} · ${formatCount(counts.total)} shared ${counts.total === 1 ? 'mailbox' : 'mailboxes'}`,
    lines: headerLinesData(input.lines),
    counts: [
      { value: formatCount(counts.needsLicense), label: 'need a licence now', color: counts.needsLicense ? 'Attention' : 'Good' },
      { value: formatCount(counts.soon), label: 'will need one soon', color: counts.soon ? 'Warning' : 'Good' },
      { value: formatCount(counts.canSignIn), label: 'can sign in', color: counts.canSignIn ? 'Attention' : 'Good' },
      { value: formatCount(counts.licenseNotNeeded), label: 'licence not needed', color: counts.licenseNotNeeded ? 'Accent' : 'Good' },
    ],
    countLine: shownList.length > 0 ? `Most at risk first` : '',
    hasLimitNote: limitNote !== '',
    limitNote,
    hasRows: shown > 0,
    emptyText:
      counts.total === 0
        ? 'This tenant has no shared mailboxes.'
        : 'Every shared mailbox is within what it may use without a licence, or has the licence it needs, and none can sign in.',
    rows: shownList.slice(0, shown).map((v) => rowData(v, input.remediationAllowed)),
    actions: input.actions ?? [],
  };
  return renderCard(template, data);
}

/** The `shared` card with as many mailboxes as fit under the Teams size limit. */
export function sharedMailboxesCard(input: SharedMailboxesCardInput): FittedCard {
  const list = mailboxesToShow(input.verdicts);
  return fitCard((n) => renderSharedMailboxesCard(input, n, list), Math.min(SHARED_ROWS, list.length));
}
