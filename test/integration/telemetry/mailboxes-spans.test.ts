// Telemetry over the real stack, in a child process with Node's own module loader (inside a jest
// worker `module` is jest's, so the distro's HTTP instrumentation could not patch node:http).
// The child (test/support/telemetry-probe.ts) starts the Azure Monitor distro as main() does, with
// an in-memory span exporter beside its own, then the bot, the simulated tenant and Azurite.
// A `mailboxes` command over real HTTP must give one request span for /api/messages and, in the
// same trace, the dependency spans of its calls to the simulated Exchange and Graph; no span may
// carry a token, the identity header or an export signature.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { PROBE_SIGNATURE } from '../../support/telemetry-probe-signature';

interface PlainSpan {
  name: string;
  kind: SpanKind;
  traceId: string;
  attributes: Record<string, unknown>;
  events: unknown[];
  status: unknown;
}

let result: {
  status: number;
  final: string;
  exportStatus: number;
  info: { exchange: string; graph: string; identityHeader: string };
  mailboxSpans: PlainSpan[];
  exportSpans: PlainSpan[];
  upn: string;
  upnSpans: PlainSpan[];
  error?: string;
};

beforeAll(async () => {
  const child = fork(join(__dirname, '../../support/telemetry-probe.ts'), [], {
    execArgv: ['-r', join(__dirname, '../../support/ts-require.cjs')],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  result = await new Promise((resolve, reject) => {
    child.on('message', (m) => resolve(m as typeof result));
    child.on('exit', (code) => reject(new Error(`the probe exited (${code}) without an answer: ${stderr.slice(-2000)}`)));
  });
  await new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve(undefined)));
}, 120_000);

const attr = (s: PlainSpan, ...names: string[]) => names.map((n) => s.attributes[n]).find((v) => v !== undefined);
const pathOf = (s: PlainSpan) => String(attr(s, 'http.target', 'url.path') ?? '');
const hostOf = (s: PlainSpan) => `${attr(s, 'net.peer.name', 'server.address')}:${attr(s, 'net.peer.port', 'server.port')}`;
const serves = (root: string) => (s: PlainSpan) => {
  const url = new URL(root);
  return hostOf(s) === `${url.hostname}:${url.port}`;
};

test('a mailboxes command gives one request span and its Exchange and Graph dependency spans', () => {
  expect(result.error).toBeUndefined();
  expect(result.status).toBe(200);
  expect(result.final).toMatch(/\d+ of [\d,]+/);
  const spans = result.mailboxSpans;
  const requests = spans.filter((s) => s.kind === SpanKind.SERVER && pathOf(s) === '/api/messages');
  expect(requests).toHaveLength(1);
  const inTrace = spans.filter((s) => s.traceId === requests[0].traceId && s.kind === SpanKind.CLIENT);
  expect(inTrace.filter(serves(result.info.exchange)).length).toBeGreaterThan(0);
  // Get-Mailbox, then Get-MailboxStatistics in $batch requests: one span each, all in this trace.
  expect(inTrace.filter(serves(result.info.exchange)).length).toBeGreaterThanOrEqual(2);
  // Graph only when the report needs it; any Graph call it makes belongs to the same trace.
  const graphCalls = spans.filter((s) => s.kind === SpanKind.CLIENT && serves(result.info.graph)(s));
  expect(graphCalls.every((s) => s.traceId === requests[0].traceId)).toBe(true);
});

test('no span carries a token, the identity header or an Authorization header', () => {
  const text = JSON.stringify(result.mailboxSpans);
  expect(text).not.toMatch(/Bearer\s+[A-Za-z0-9]/i);
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  expect(text).not.toContain(result.info.identityHeader);
  expect(text).not.toMatch(/authorization/i);
});

test("an export link's signature is redacted from its request span", () => {
  expect(result.exportStatus).toBeGreaterThanOrEqual(400);
  const served = result.exportSpans.filter((s) => s.kind === SpanKind.SERVER && pathOf(s).startsWith('/api/exports/'));
  expect(served).toHaveLength(1);
  expect(JSON.stringify(served[0].attributes)).toMatch(/sig=\[redacted\]/);
  expect(JSON.stringify(result.exportSpans)).not.toContain(PROBE_SIGNATURE);
});

test("a user's UPN reaches no span, plain or URL-encoded: Graph is asked about them, Application Insights is not told who", () => {
  const graphCalls = result.upnSpans.filter((s) => s.kind === SpanKind.CLIENT && serves(result.info.graph)(s));
  expect(graphCalls.length).toBeGreaterThan(0);
  const text = JSON.stringify(result.upnSpans);
  const local = result.upn.split('@')[0];
  expect(text).not.toContain(result.upn);
  expect(text).not.toContain(encodeURIComponent(result.upn));
  expect(text).not.toMatch(new RegExp(`${local}(@|%40)`, 'i'));
  expect(text).toMatch(/\*\*\*(@|%40)/);
});
