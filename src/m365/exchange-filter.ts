// Values put into an Exchange -Filter (OPATH) string. The filter is parsed like PowerShell, so a
// value is safe only inside single quotes with every single quote doubled, typographic ones too
// (PowerShell treats ‘ ’ ‚ ‛ as quotes). A '*' would turn an exact match into a wildcard match, so it
// is refused unless the caller asks for a prefix match.

const QUOTES = /['\u2018\u2019\u201a\u201b]/g;

export class ExchangeFilterValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeFilterValueError';
  }
}

/** `O'Brien` → `'O''Brien'`, ready for `Name -eq <value>`. */
export function exchangeFilterValue(value: string): string {
  check(value);
  if (value.includes('*')) throw new ExchangeFilterValueError(`"${value}" contains '*', which Exchange would read as a wildcard`);
  return `'${value.replace(QUOTES, (q) => q + q)}'`;
}

/** `sales` → `'sales*'`, for `Name -like <value>`: starts with the text, whatever it contains. */
export function exchangeFilterPrefix(value: string): string {
  check(value);
  if (value.includes('*')) throw new ExchangeFilterValueError(`"${value}" contains '*'; give the text the names start with`);
  return `'${value.replace(QUOTES, (q) => q + q)}*'`;
}

function check(value: string): void {
  if (typeof value !== 'string') throw new ExchangeFilterValueError('a filter value must be text');
  // Control characters (a newline, a NUL) have no place in a name and could end the filter early.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new ExchangeFilterValueError('a filter value cannot contain control characters');
}
