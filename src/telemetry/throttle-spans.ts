// Counts every 429 a Microsoft service answers, from the outgoing HTTP spans: each retry the
// pipeline makes (src/m365/retry-policy.ts) is its own request, so each 429 is counted once.
// Both HTTP attribute spellings are read: the HTTP instrumentation emits the older
// `http.status_code`/`net.peer.name` unless OTEL_SEMCONV_STABILITY_OPT_IN=http asks for the stable ones.
import { SpanKind, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export class ThrottleCounter implements SpanProcessor {
  constructor(private readonly throttled: (service: string) => void) {}

  onStart(_span: Span, _context: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (span.kind !== SpanKind.CLIENT) return;
    const a = span.attributes;
    const status = Number(a['http.response.status_code'] ?? a['http.status_code']);
    if (status !== 429) return;
    this.throttled(String(a['server.address'] ?? a['net.peer.name'] ?? 'unknown'));
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
