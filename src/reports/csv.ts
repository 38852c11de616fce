// CSV an admin opens in Excel: UTF-8 with a BOM (so Excel reads accents and scripts right), RFC 4180
// quoting, CRLF line ends, and cells that Excel would read as a formula neutralised.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  // A display name like =HYPERLINK(...) must stay text: a leading apostrophe is what Excel shows as text.
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: Iterable<unknown[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
