// Graph's usage reports arrive as CSV (UTF-8 with a BOM, RFC 4180 quoting) whose columns have
// changed without notice before, so rows are read by column name, never by position.

/** Parses RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Rows as objects keyed by the header's column names (trimmed). */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return rows.map((cells) => {
    const record: Record<string, string> = {};
    names.forEach((name, i) => (record[name] = cells[i] ?? ''));
    return record;
  });
}

/**
 * The same RFC 4180 reading, fed chunk by chunk: a 100,000-row report (about 25 MB) is parsed as it
 * downloads, so neither the whole text nor a copy of it is ever held. A field or row cut between
 * two chunks is carried over; the BOM is dropped from the first chunk.
 */
export class CsvStreamParser {
  private field = '';
  private row: string[] = [];
  private quoted = false;
  /** A quote seen at the very end of a chunk inside a quoted field: "" or the closing quote. */
  private pendingQuote = false;
  private pendingCr = false;
  private started = false;

  /** Complete rows found in this chunk (blank lines dropped). */
  push(chunk: string): string[][] {
    const rows: string[][] = [];
    let s = chunk;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (s[0] === '\n') i = 1;
    }
    if (this.pendingQuote) {
      this.pendingQuote = false;
      if (s[0] === '"') {
        this.field += '"';
        i = Math.max(i, 1);
      } else this.quoted = false;
    }
    let start = i;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.quoted) {
        if (c !== 34) continue;
        this.field += s.slice(start, i);
        if (i + 1 >= s.length) {
          this.pendingQuote = true;
          start = s.length;
          break;
        }
        if (s.charCodeAt(i + 1) === 34) {
          this.field += '"';
          i++;
        } else this.quoted = false;
        start = i + 1;
      } else if (c === 34) {
        this.field += s.slice(start, i);
        this.quoted = true;
        start = i + 1;
      } else if (c === 44) {
        this.row.push(this.field + s.slice(start, i));
        this.field = '';
        start = i + 1;
      } else if (c === 10 || c === 13) {
        this.row.push(this.field + s.slice(start, i));
        this.field = '';
        this.endRow(rows);
        if (c === 13) {
          if (i + 1 >= s.length) this.pendingCr = true;
          else if (s.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
    }
    if (start < s.length) this.field += s.slice(start);
    return rows;
  }

  /** The last row, when the text does not end with a line break. */
  end(): string[][] {
    const rows: string[][] = [];
    if (this.pendingQuote) this.pendingQuote = false;
    if (this.field !== '' || this.row.length > 0) {
      this.row.push(this.field);
      this.field = '';
      this.endRow(rows);
    }
    return rows;
  }

  private endRow(rows: string[][]): void {
    const row = this.row;
    this.row = [];
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
  }
}

/**
 * Reads a CSV download as it arrives and hands each row to `onRecord`, keyed by the header's column
 * names (trimmed). UTF-8 is decoded across chunk boundaries. Resolves with the number of rows.
 * The record object is reused for the next row (100,000 dictionaries would only be garbage):
 * `onRecord` reads what it needs and keeps no reference to it.
 */
export async function readCsvStream(
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  onRecord: (record: Record<string, string>) => void,
): Promise<number> {
  const decoder = new TextDecoder('utf-8');
  const parser = new CsvStreamParser();
  let names: string[] | null = null;
  let record: Record<string, string> = {};
  let count = 0;
  const take = (rows: string[][]) => {
    for (const cells of rows) {
      if (!names) {
        names = cells.map((h) => h.trim());
        record = Object.fromEntries(names.map((n) => [n, '']));
        continue;
      }
      for (let i = 0; i < names.length; i++) record[names[i]] = cells[i] ?? '';
      count++;
      onRecord(record);
    }
  };
  for await (const chunk of body) take(parser.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
  take(parser.push(decoder.decode()));
  take(parser.end());
  return count;
}
