// The doctor's checklist as console text (`npm run doctor`), the same words as the chat card.
import type { CheckStatus, DoctorReport } from './checks';

export const STATUS_MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '–' };

export function doctorSummary(report: DoctorReport): string {
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const warned = report.checks.filter((c) => c.status === 'warn').length;
  if (failed) return `${failed} check${failed === 1 ? '' : 's'} failed: the fix is under each one.`;
  if (warned) return `Everything works; ${warned} thing${warned === 1 ? '' : 's'} to look at.`;
  return 'Everything works: the bot can read Microsoft Graph and Exchange Online.';
}

export function doctorText(report: DoctorReport): string {
  const lines = ['Mailbox Watch doctor', ''];
  for (const c of report.checks) {
    lines.push(`${STATUS_MARK[c.status]} ${c.title}`);
    lines.push(`    ${c.detail}`);
    if (c.fix) lines.push(`    Fix: ${c.fix}`);
  }
  lines.push('', doctorSummary(report));
  return lines.join('\n') + '\n';
}
