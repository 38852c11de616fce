// Exchange writes sizes and quotas for people, not programs: "1.66 GB (1,782,579,200 bytes)",
// "Unlimited", sometimes with another locale's separators or non-breaking spaces. The byte count in
// brackets is the truth; everything else is a fallback. null means Unlimited.

const UNITS: Record<string, number> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
  PB: 1024 ** 5,
};

export class ExchangeSizeError extends Error {
  constructor(value: unknown) {
    super(`Exchange sent a size this bot cannot read: ${JSON.stringify(value)}`);
    this.name = 'ExchangeSizeError';
  }
}

/**
 * Bytes, or null for "Unlimited" (and for an absent value). Throws ExchangeSizeError on anything
 * that is not a size, rather than guessing.
 */
export function parseExchangeSize(value: string | number | null | undefined | object): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
    throw new ExchangeSizeError(value);
  }
  if (typeof value === 'object') return parseSizeObject(value as Record<string, unknown>);
  if (typeof value !== 'string') throw new ExchangeSizeError(value);

  // Non-breaking, narrow and thin spaces all become plain spaces.
  const s = value.replace(/[\u00a0\u202f\u2009\u2007]/g, ' ').trim();
  if (/^unlimited$/i.test(s)) return null;

  const bracketed = /\(\s*([\d.,' ]+?)\s*bytes?\s*\)/i.exec(s);
  if (bracketed) {
    const digits = bracketed[1].replace(/[^\d]/g, '');
    if (digits) return Number(digits);
  }
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}([.,' ]\d{3})+$/.test(s)) return Number(s.replace(/[^\d]/g, ''));

  const withUnit = /^([\d.,' ]+?)\s*([KMGTP]?B)(?:\s*\(.*\))?$/i.exec(s);
  if (withUnit) {
    const amount = parseLocaleNumber(withUnit[1]);
    if (amount !== null) return Math.round(amount * UNITS[withUnit[2].toUpperCase()]);
  }
  throw new ExchangeSizeError(value);
}

/** Serialised ByteQuantifiedSize / Unlimited<T> objects: {IsUnlimited, Value} or {Value: bytes}. */
function parseSizeObject(o: Record<string, unknown>): number | null {
  if (o.IsUnlimited === true || o.isUnlimited === true) return null;
  for (const key of ['Value', 'value', 'Bytes', 'bytes']) {
    if (key in o) return parseExchangeSize(o[key] as string | number | null | object);
  }
  throw new ExchangeSizeError(o);
}

/**
 * "1.66", "1,66", "1,500", "1.234,5": when both separators appear the last is the decimal one;
 * a single separator followed by exactly three digits groups thousands.
 */
function parseLocaleNumber(raw: string): number | null {
  const s = raw.replace(/[' ]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normalised: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    normalised = s.split(group).join('').replace(decimal, '.');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
    if (!sep) normalised = s;
    else {
      const parts = s.split(sep);
      const grouping = parts.length > 2 || parts[1].length === 3;
      normalised = grouping ? parts.join('') : parts.join('.');
    }
  }
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}
