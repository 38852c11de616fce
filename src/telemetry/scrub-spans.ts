// The same redaction as the JSON log (src/log.ts redact()), applied to every span before the
// exporter sees it: URLs (an export link's ?sig=, a token in a query), status messages, exception
// events. Request and response headers are never recorded (the HTTP instrumentation records none
// unless told to), and any header attribute that appears anyway is dropped, so the identity
// endpoint's X-IDENTITY-HEADER and every Authorization header stay out.
// Changing attributes in onEnd is the distro's documented way to filter telemetry:
// https://learn.microsoft.com/azure/azure-monitor/app/opentelemetry-add-modify?tabs=nodejs#filter-telemetry
// (useAzureMonitor runs `spanProcessors` before its own batch exporter.)
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redact } from '../log';

const HEADER_ATTRIBUTE = /^http\.(request|response)\.header\./;

export function scrubAttributes(attributes: Record<string, unknown>): void {
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (HEADER_ATTRIBUTE.test(key)) delete attributes[key];
    else if (typeof value === 'string') attributes[key] = redact(value);
    else if (Array.isArray(value)) attributes[key] = value.map((v) => (typeof v === 'string' ? redact(v) : v));
  }
}

export class ScrubSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _context: Context): void {
    // Nothing yet: most attributes (the status code, the exception) arrive later.
  }

  onEnd(span: ReadableSpan): void {
    scrubAttributes(span.attributes as Record<string, unknown>);
    for (const event of span.events) if (event.attributes) scrubAttributes(event.attributes as Record<string, unknown>);
    if (span.status.message) (span.status as { message?: string }).message = redact(span.status.message);
    const name = redact(span.name);
    if (name !== span.name) (span as unknown as { name: string }).name = name;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
