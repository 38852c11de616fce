// The JSON log, forwarded: each line the Logger writes (already redacted by src/log.ts) still goes
// to stdout for App Service's log stream, and also becomes an OpenTelemetry log record (Application
// Insights `traces`; an error with an `err` becomes an `exceptions` row) in the context of the
// request it belongs to. A few lines also feed the bot's metrics: the log already says when a
// report finished, how many mailboxes it read, and which card button was pressed, so no module
// outside src/telemetry/ needs to know that telemetry exists.
import type { Logger as OtelLogger } from '@opentelemetry/api-logs';
import { SeverityNumber } from '@opentelemetry/api-logs';
import type { LogSink } from '../log';
import type { BotMetrics } from './metrics';
import { scrubText } from './scrub-spans';

const SEVERITY: Record<string, SeverityNumber> = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
};

/** Log messages that end a report (src/commands/*), and which report and outcome each means. */
const REPORT_LINES: Record<string, [report: string, outcome: 'ok' | 'failed']> = {
  'mailbox report': ['mailboxes', 'ok'],
  'mailbox report failed': ['mailboxes', 'failed'],
  'shared report': ['shared', 'ok'],
  'shared report failed': ['shared', 'failed'],
  'licence report': ['licenses', 'ok'],
  'licence report failed': ['licenses', 'failed'],
};

type Fields = Record<string, unknown>;

/** What one log line adds to the metrics. Exported for its unit test. */
export function recordMetrics(record: Fields, metrics: BotMetrics): void {
  const msg = String(record.msg ?? '');
  const report = REPORT_LINES[msg];
  if (report) {
    const mailboxes = typeof record.mailboxes === 'number' ? record.mailboxes : undefined;
    metrics.report(report[0], report[1], Number(record.ms), mailboxes);
    if (report[1] === 'ok' && report[0] !== 'licenses' && mailboxes !== undefined) metrics.statisticsRead(report[0], mailboxes);
  } else if (msg === 'alert cycle') {
    metrics.alerts('sent', Number(record.messages));
    metrics.alerts('failed', Number(record.failed));
  } else if (msg === 'action') {
    metrics.cardAction(String(record.verb ?? 'unknown'), 'run');
  } else if (msg === 'bad action' || msg === 'refused action') {
    metrics.cardAction(String(record.verb ?? 'unknown'), 'refused');
  }
}

/** Flat attributes: Application Insights shows them as customDimensions. */
function attributesOf(record: Fields): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) put(`${key}.${k}`, v);
    else out[key] = JSON.stringify(value);
  };
  for (const [key, value] of Object.entries(record)) if (key !== 'time' && key !== 'msg' && key !== 'level') put(key, value);
  // The log line on stdout keeps them; Application Insights gets no UPN or mail address.
  for (const [key, value] of Object.entries(out)) if (typeof value === 'string') out[key] = scrubText(value);
  const err = record.err as Fields | undefined;
  if (record.level === 'error' && err && typeof err === 'object') {
    // The exporter turns a record with exception.* into an `exceptions` row.
    out['exception.type'] = String(err.name ?? 'Error');
    out['exception.message'] = String(err.message ?? record.msg);
  }
  return out;
}

export function createLogBridge(logger: OtelLogger, metrics: BotMetrics, stdout: LogSink): LogSink {
  return (line) => {
    stdout(line);
    let record: Fields;
    try {
      record = JSON.parse(line) as Fields;
    } catch {
      return;
    }
    const level = String(record.level ?? 'info');
    try {
      logger.emit({
        severityNumber: SEVERITY[level] ?? SeverityNumber.INFO,
        severityText: level.toUpperCase(),
        body: scrubText(String(record.msg ?? '')),
        attributes: attributesOf(record),
      });
      recordMetrics(record, metrics);
    } catch {
      // Telemetry must never break the log line or the turn that wrote it.
    }
  };
}
