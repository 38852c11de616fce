// Where the bot's Exchange token may go. A tenant can be served from its own host
// (`<prefix>.outlook.office365.com`: ScubaGear's EXORestHelper.psm1, Get-ExchangeOnlineApiEndpoint,
// "Some tenants get redirected to a tenant-specific subdomain"), so a redirect or a next-page link
// to such a host is followed; anything else is refused, so no answer can send the token elsewhere.
// The national clouds' hosts are ScubaGear's table (EXORestHelper.psm1) and Microsoft's
// admin-api-get-started page, which adds 21Vianet.

const EXCHANGE_DOMAINS = [
  'outlook.office365.com',
  'outlook.office.com',
  'outlook.office365.us',
  'outlook-dod.office365.us',
  'outlook.office365.cn',
  'partner.outlook.cn',
];

/**
 * True for Microsoft's Exchange hosts and their subdomains, and for the host the bot was configured
 * with (EXCHANGE_ENDPOINT; the simulated tenant in the demo and tests) on any port. HTTPS only.
 */
export function isExchangeHost(url: URL, configured: URL): boolean {
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  if (host === configured.hostname.toLowerCase()) return true;
  return EXCHANGE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
