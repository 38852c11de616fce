// `doctor`'s checklist: one line per check (✓ passed, ✗ failed, ! look at it, – skipped), what was
// found, and under each failure the fix, its commands in monospace so they copy cleanly. Everything
// is plain text: details quote the services' own words.
import type { CheckStatus, DoctorReport } from '../doctor/checks';
import { doctorSummary, STATUS_MARK } from '../doctor/report-text';
import { plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import template from './templates/doctor.json';

const COLOR: Record<CheckStatus, string> = { pass: 'Good', fail: 'Attention', warn: 'Warning', skip: 'Default' };

export function doctorCard(report: DoctorReport, options: { actions?: object[] } = {}): AdaptiveCard {
  const failed = report.checks.some((c) => c.status === 'fail');
  const warned = report.checks.some((c) => c.status === 'warn');
  return renderCard(template, {
    headerStyle: failed ? 'attention' : warned ? 'warning' : 'good',
    title: failed ? 'Doctor: something needs fixing' : 'Doctor: all good',
    summary: doctorSummary(report),
    checks: report.checks.map((c) => ({
      mark: STATUS_MARK[c.status],
      color: COLOR[c.status],
      title: plainText(c.title, 80),
      detail: plainText(c.detail, 400),
      hasFix: Boolean(c.fix),
      fixRuns: c.fix ? fixRuns(c.fix) : [],
    })),
    actions: options.actions ?? [],
  });
}

/** "Run `cmd` as …" → a label, plain runs, and the `quoted` parts as monospace runs. */
function fixRuns(fix: string): object[] {
  const runs: object[] = [{ type: 'TextRun', text: 'Fix: ', weight: 'Bolder' }];
  // The longest real fix (the az rest command and the token note) is about 550 characters.
  plainText(fix, 640)
    .split('`')
    .forEach((part, i) => {
      if (!part) return;
      runs.push(i % 2 === 1 ? { type: 'TextRun', text: part, fontType: 'Monospace' } : { type: 'TextRun', text: part });
    });
  return runs;
}
