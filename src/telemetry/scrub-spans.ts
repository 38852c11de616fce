// The same redaction as the JSON log (src/log.ts redact()), applied to every span before the
// exporter sees it: URLs (an export link's ?sig=, a token in a query), status messages, exception
// events. Request and response headers are never recorded (the HTTP instrumentation records none
// unless told to), and any header attribute that appears anyway is dropped, so the identity
// endpoint's X-IDENTITY-HEADER and every Authorization header stay out.
// Changing attributes in onEnd is the distro's documented way to filter telemetry:
// https://learn.microsoft.com/azure/azure-monitor/app/opentelemetry-add-modify?tabs=nodejs#filter-telemetry
// (useAzureMonitor runs `spanProcessors` before its own batch exporter, but its Live Metrics
// processor sees spans before them: Live Metrics is off, src/telemetry/azure-monitor.ts.)
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redact } from '../log';

const HEADER_ATTRIBUTE = /^http\.(request|response)\.header\./;

/**
 * A UPN or mail address, plain or URL-encoded (`megan%40contoso.com` in a Graph URL, `%2540` twice
 * encoded): personal data, which Application Insights does not get. The domain stays (it says which
 * tenant, not who).
 */
const ADDRESS = /[A-Za-z0-9._%+-]+?(?:@|%40|%2540)((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;

/** The same redaction as the log, and every UPN or mail address masked. */
export function scrubText(text: string): string {
  return redact(text).replace(ADDRESS, (_all, domain: string) => `***@${domain}`);
}

export function scrubAttributes(attributes: Record<string, unknown>): void {
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (HEADER_ATTRIBUTE.test(key)) delete attributes[key];
    else if (typeof value === 'string') attributes[key] = scrubText(value);
    else if (Array.isArray(value)) attributes[key] = value.map((v) => (typeof v === 'string' ? scrubText(v) : v));
  }
}

export class ScrubSpanProcessor implements SpanProcessor {
  onStart(_span: Span, _context: Context): void {
    // Nothing yet: most attributes (the status code, the exception) arrive later.
  }

  onEnd(span: ReadableSpan): void {
    scrubAttributes(span.attributes as Record<string, unknown>);
    for (const event of span.events) if (event.attributes) scrubAttributes(event.attributes as Record<string, unknown>);
    if (span.status.message) (span.status as { message?: string }).message = scrubText(span.status.message);
    const name = scrubText(span.name);
    if (name !== span.name) (span as unknown as { name: string }).name = name;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
