// Where a tenant's Exchange is served from, found once per tenant per process. ScubaGear's
// EXORestHelper.psm1 (Get-ExchangeOnlineApiEndpoint) GETs `…/AdminApi/v1.0/{tenant}/EXOModuleFile`
// with redirects off before anything else — "Some tenants get redirected to a tenant-specific
// subdomain" — and then sends every InvokeCommand to the host a 3xx names
// (`https://{prefix}.outlook.office365.com`). CIPP-API does the same for the compliance endpoint
// (EXOBanner, -MaximumRedirection 0). The bot does it once, caches the answer, and still follows a
// redirected POST (redirect-policy.ts) in case the tenant moves later.
import { isExchangeHost } from './exchange-hosts';
import type { ServicePipeline } from './pipeline';

const homes = new Map<string, Promise<string>>();

/**
 * The probe is a courtesy, not a step a report waits on: one attempt (sendKeepingRedirect), given
 * up past this deadline; then the configured host is used and a redirected POST is still followed,
 * so an outage or a missing permission costs a report nothing more.
 */
const PROBE_DEADLINE_MS = 10_000;

/** The system mailbox ScubaGear anchors its probe on (UPN form, with the tenant). */
const PROBE_ANCHOR = 'UPN:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';

/**
 * The origin to send this tenant's cmdlets to: the 3xx target of the probe if it names an Exchange
 * host, else the configured one. Any failure of the probe keeps the configured host: the first
 * InvokeCommand then says what is wrong, in its own words.
 */
export function exchangeHomeOf(pipeline: ServicePipeline, configured: URL, tenantId: string): Promise<string> {
  const key = `${configured.origin}|${tenantId.toLowerCase()}`;
  let home = homes.get(key);
  if (!home) {
    home = probe(pipeline, configured, tenantId);
    homes.set(key, home);
  }
  return home;
}

async function probe(pipeline: ServicePipeline, configured: URL, tenantId: string): Promise<string> {
  try {
    const response = await pipeline.sendKeepingRedirect({
      method: 'GET',
      url: `${configured.origin}${configured.pathname.replace(/\/+$/, '')}/AdminApi/v1.0/${encodeURIComponent(tenantId)}/EXOModuleFile`,
      headers: { 'X-AnchorMailbox': `${PROBE_ANCHOR}@${tenantId}` },
      signal: AbortSignal.timeout(PROBE_DEADLINE_MS),
    });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : undefined;
    if (!location) return configured.origin;
    const target = new URL(location, configured);
    return isExchangeHost(target, configured) ? target.origin : configured.origin;
  } catch {
    return configured.origin;
  }
}
