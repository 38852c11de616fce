// Exchange's ByteQuantifiedSize as it crosses the REST boundary: "1.66 GB (1,782,579,200 bytes)".
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * The largest binary unit the size reaches, four significant digits (so at most three decimals,
 * trailing zeros dropped: "1.66 GB", "117.6 MB", "99 GB"), then the exact count. Observed strings
 * agree ("100 GB (107,374,182,400 bytes)", "1.66 GB (1,782,579,200 bytes)"); Exchange's exact
 * rounding rule is not published, and the bot must read the bracketed byte count anyway.
 */
export function formatByteSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return 'Unlimited';
  let unit = 0;
  while (unit < UNITS.length - 1 && bytes >= 1024 ** (unit + 1)) unit++;
  const scaled = bytes / 1024 ** unit;
  const shown = unit === 0 ? String(bytes) : String(Number(scaled.toPrecision(4)));
  return `${shown} ${UNITS[unit]} (${bytes.toLocaleString('en-US')} bytes)`;
}
