// Which log lines feed which metric, and the span scrubber: pure code, a recording fake meter.
import { recordMetrics } from '../../../src/telemetry/log-bridge';
import { sizeBand, type BotMetrics } from '../../../src/telemetry/metrics';
import { scrubAttributes } from '../../../src/telemetry/scrub-spans';

function recorder() {
  const calls: unknown[][] = [];
  const metrics: BotMetrics = {
    report: (...a) => void calls.push(['report', ...a]),
    statisticsRead: (...a) => void calls.push(['statisticsRead', ...a]),
    throttled: (...a) => void calls.push(['throttled', ...a]),
    alerts: (...a) => void calls.push(['alerts', ...a]),
    cardAction: (...a) => void calls.push(['cardAction', ...a]),
  };
  return { calls, metrics };
}

test('a finished mailbox report records its duration by size and the statistics it read', () => {
  const { calls, metrics } = recorder();
  recordMetrics({ level: 'info', msg: 'mailbox report', mailboxes: 12_345, failures: 0, ms: 4200 }, metrics);
  expect(calls).toEqual([
    ['report', 'mailboxes', 'ok', 4200, 12_345],
    ['statisticsRead', 'mailboxes', 12_345],
  ]);
  expect(sizeBand(12_345)).toBe('10k-99k');
});

test('a failed report, an alert cycle and card buttons', () => {
  const { calls, metrics } = recorder();
  recordMetrics({ level: 'warn', msg: 'shared report failed', ms: 900, err: { name: 'ServiceError' } }, metrics);
  recordMetrics({ level: 'info', msg: 'alert cycle', messages: 3, failed: 1 }, metrics);
  recordMetrics({ level: 'info', msg: 'action', verb: 'mailboxes.page' }, metrics);
  recordMetrics({ level: 'warn', msg: 'bad action', verb: 'forged.verb' }, metrics);
  recordMetrics({ level: 'info', msg: 'command', command: 'help' }, metrics);
  expect(calls).toEqual([
    ['report', 'shared', 'failed', 900, undefined],
    ['alerts', 'sent', 3],
    ['alerts', 'failed', 1],
    ['cardAction', 'mailboxes.page', 'run'],
    ['cardAction', 'forged.verb', 'refused'],
  ]);
  expect(sizeBand(undefined)).toBe('unknown');
});

test('span attributes lose tokens, signatures and every header', () => {
  const attributes: Record<string, unknown> = {
    'http.url': 'https://bot.example/api/exports/x?exp=1&sig=abcdefSECRET',
    'http.request.header.x_identity_header': ['0123456789abcdef'],
    'exception.message': 'failed with Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig',
    'http.status_code': 200,
  };
  scrubAttributes(attributes);
  expect(attributes).toEqual({
    'http.url': 'https://bot.example/api/exports/x?exp=1&sig=[redacted]',
    'exception.message': 'failed with Bearer [redacted]',
    'http.status_code': 200,
  });
});
