// The bot's own metrics, each declared once. Application Insights keeps them in `customMetrics`
// under these names (docs/deploy.md, "Watch it in Application Insights", queries them).
import type { Attributes, Meter } from '@opentelemetry/api';

export const METRIC = {
  /** Histogram, ms, by report (mailboxes|shared|licenses), size (mailbox count band) and outcome (ok|failed). */
  reportDuration: 'mailboxwatch.report.duration',
  /** Counter: mailbox statistics read, by report. */
  statisticsRead: 'mailboxwatch.statistics.read',
  /** Counter: 429 answers from Microsoft (Graph, Exchange, the Bot Connector…), by service host. */
  throttled: 'mailboxwatch.throttled',
  /** Counter: alert messages posted, by outcome (sent|failed). */
  alertsSent: 'mailboxwatch.alerts.sent',
  /** Counter: card button presses, by verb and outcome (run|refused). */
  cardActions: 'mailboxwatch.card.actions',
} as const;

export interface BotMetrics {
  report(report: string, outcome: 'ok' | 'failed', ms: number, mailboxes?: number): void;
  statisticsRead(report: string, count: number): void;
  throttled(service: string): void;
  alerts(outcome: 'sent' | 'failed', count: number): void;
  cardAction(verb: string, outcome: 'run' | 'refused'): void;
}

/** A band, not the exact count, so the chart has a few lines instead of one per tenant size. */
export function sizeBand(mailboxes: number | undefined): string {
  if (mailboxes === undefined || !Number.isFinite(mailboxes)) return 'unknown';
  if (mailboxes < 100) return '<100';
  if (mailboxes < 1_000) return '100-999';
  if (mailboxes < 10_000) return '1k-9k';
  if (mailboxes < 100_000) return '10k-99k';
  return '100k+';
}

export function createBotMetrics(meter: Meter): BotMetrics {
  const duration = meter.createHistogram(METRIC.reportDuration, { unit: 'ms', description: 'How long a report took, by size' });
  const statistics = meter.createCounter(METRIC.statisticsRead, { description: 'Mailbox statistics read' });
  const throttled = meter.createCounter(METRIC.throttled, { description: '429 answers from Microsoft services' });
  const alerts = meter.createCounter(METRIC.alertsSent, { description: 'Alert messages posted to Teams' });
  const actions = meter.createCounter(METRIC.cardActions, { description: 'Card button presses' });
  const add = (counter: { add(n: number, a?: Attributes): void }, n: number, attributes: Attributes) => {
    if (Number.isFinite(n) && n > 0) counter.add(n, attributes);
  };
  return {
    report: (report, outcome, ms, mailboxes) => {
      if (Number.isFinite(ms)) duration.record(ms, { report, outcome, size: sizeBand(mailboxes) });
    },
    statisticsRead: (report, count) => add(statistics, count, { report }),
    throttled: (service) => throttled.add(1, { service }),
    alerts: (outcome, count) => add(alerts, count, { outcome }),
    cardAction: (verb, outcome) => actions.add(1, { verb, outcome }),
  };
}
