// What is wrong in the tenant right now, as alert findings. Pure: the tenant's records, the
// conversation's settings, the size history and `now` in; findings out. A finding's key is stable
// (kind + object id), so the ledger can tell a new finding from one already sent. Each kind judges
// in its own spec (kinds/); this file only walks them.
import { findingKey, type Finding, type Judging, type TenantFacts } from './alert-kind';
import { ALERT_KIND_SPECS, type AlertKind } from './kinds';
import type { AlertSettings } from './settings';
import { mailboxKey, type SizeHistory } from './history';

export { findingKey };
export type { Finding, Severity, TenantFacts } from './alert-kind';

export interface FindingsResult {
  findings: Finding[];
  /** Kinds the facts allowed to judge: an open alert of another kind is not "resolved". */
  judgedKinds: AlertKind[];
  /** Keys that could not be judged this time (statistics missing): not resolved either. */
  unknown: Set<string>;
}

/** An alert button's key: one of the registered kinds, then an object id. */
export const FINDING_KEY = new RegExp(
  `^(${ALERT_KIND_SPECS.map((s) => s.kind.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}):[A-Za-z0-9@._'+-]{1,256}$`,
);

export function alertFindings(facts: TenantFacts, settings: AlertSettings, history: SizeHistory, now: Date): FindingsResult {
  const findings: Finding[] = [];
  const unknown = new Set<string>();
  const wanted = ALERT_KIND_SPECS.filter((s) => settings.kinds.includes(s.kind));
  const judging = wanted.map((spec) => {
    const j: Judging = {
      threshold: spec.threshold ? settings[spec.threshold.setting] : NaN,
      facts,
      history,
      now,
      key: (id) => findingKey(spec.kind, id),
    };
    return { spec, j };
  });

  for (const m of facts.mailboxes) {
    for (const { spec, j } of judging) {
      if (!spec.judgeMailbox) continue;
      const found = spec.judgeMailbox(m, j);
      if (found === 'unknown') unknown.add(j.key(mailboxKey(m)));
      else if (found) findings.push(found);
    }
  }
  for (const { spec, j } of judging) {
    if (spec.judgeTenant) findings.push(...spec.judgeTenant(j));
  }
  return { findings, judgedKinds: [...settings.kinds], unknown };
}
