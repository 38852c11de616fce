// Builds src/reports/licensing/sku-catalog.json from Microsoft's "Product names and service plan
// identifiers for licensing" CSV, so the bot can name a tenant's SKUs and tell what each Exchange
// service plan gives without shipping the 5,000-row table.
//
// Run: npm run build && node dist/scripts/generate-sku-names.js [path/to/the.csv]
// Default CSV: ../shared/reference/data/microsoft-licensing-service-plans.csv beside the repository.
import * as fs from 'fs';
import * as path from 'path';

/** What an Exchange service plan gives a mailbox, as the licensing rules need it. */
export type ExchangePlanKind = 'plan2' | 'plan1' | 'kiosk' | 'archiving' | 'none';

export interface SkuCatalog {
  source: string;
  /** skuId (lower case) → String_Id (= skuPartNumber) and the product's display name. */
  skus: Record<string, { partNumber: string; name: string }>;
  /** servicePlanId (lower case) → service plan name, Microsoft's friendly name, what it gives. */
  exchangePlans: Record<string, { name: string; label: string; kind: ExchangePlanKind }>;
}

/**
 * The Exchange service plans, by name, and what each gives. Names are only used here to find the
 * ids in the CSV; the bot itself decides by id. Essentials counts as Plan 1 (a 50 GB mailbox);
 * EXCHANGE_S_ARCHIVE archives on-premises Exchange Server mailboxes, so it licenses nothing in
 * Exchange Online; Foundation plans carry no mailbox.
 */
export const EXCHANGE_PLAN_KINDS: Record<string, ExchangePlanKind> = {
  EXCHANGE_S_ENTERPRISE: 'plan2',
  EXCHANGE_S_ENTERPRISE_GOV: 'plan2',
  EXCHANGE_S_STANDARD: 'plan1',
  EXCHANGE_S_STANDARD_GOV: 'plan1',
  EXCHANGE_S_STANDARD_MIDMARKET: 'plan1',
  EXCHANGE_L_STANDARD: 'plan1',
  EXCHANGE_S_ESSENTIALS: 'plan1',
  EXCHANGE_S_DESKLESS: 'kiosk',
  EXCHANGE_S_DESKLESS_GOV: 'kiosk',
  EXCHANGE_S_ARCHIVE_ADDON: 'archiving',
  EXCHANGE_S_ARCHIVE: 'none',
  EXCHANGE_S_FOUNDATION: 'none',
  EXCHANGE_S_FOUNDATION_GOV: 'none',
};

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Microsoft's cells carry stray spaces and no-break spaces (U+00A0). */
function clean(cell: string | undefined): string {
  return (cell ?? '').replace(/\u00a0/g, ' ').trim();
}

export function buildSkuCatalog(csvText: string, source = 'microsoft-licensing-service-plans.csv'): SkuCatalog {
  const [header, ...rows] = parseCsv(csvText);
  const column = (name: string): number => {
    const i = header.findIndex((h) => clean(h) === name);
    if (i < 0) throw new Error(`CSV has no column ${name}; columns: ${header.join(', ')}`);
    return i;
  };
  const productName = column('Product_Display_Name');
  const stringId = column('String_Id');
  const guid = column('GUID');
  const planName = column('Service_Plan_Name');
  const planId = column('Service_Plan_Id');
  const planLabel = column('Service_Plans_Included_Friendly_Names');

  const skus: SkuCatalog['skus'] = {};
  const exchangePlans: SkuCatalog['exchangePlans'] = {};
  for (const row of rows) {
    const skuId = clean(row[guid]).toLowerCase();
    if (skuId && !skus[skuId]) skus[skuId] = { partNumber: clean(row[stringId]), name: clean(row[productName]) };
    const name = clean(row[planName]);
    const kind = EXCHANGE_PLAN_KINDS[name];
    const id = clean(row[planId]).toLowerCase();
    if (!kind || !id) continue;
    const label = clean(row[planLabel]);
    const known = exchangePlans[id];
    // Prefer the CSV's mixed-case spelling of a plan's name over its upper-case ones.
    if (!known || (isShouting(known.label) && label && !isShouting(label))) {
      exchangePlans[id] = { name, label: label && !isShouting(label) ? label : titleCase(label || name), kind };
    }
  }
  return { source, skus: sortKeys(skus), exchangePlans: sortKeys(exchangePlans) };
}

/** The CSV spells one plan several ways ("EXCHANGE ONLINE (PLAN 2)", "Exchange Online (Plan 2)"). */
function isShouting(label: string): boolean {
  return label === label.toUpperCase();
}

function titleCase(label: string): string {
  if (/_/.test(label)) return label;
  return label
    .toLowerCase()
    .replace(/(^|[\s(])([a-z])/g, (_m, p: string, ch: string) => p + ch.toUpperCase())
    .replace(/ (For|Of|And) /g, (w) => w.toLowerCase());
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

/** One entry per line: small enough to read in a diff, stable enough to compare in a test. */
export function formatSkuCatalog(catalog: SkuCatalog): string {
  const block = (record: Record<string, unknown>): string =>
    Object.entries(record)
      .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
      .join(',\n');
  return (
    '{\n' +
    `  "source": ${JSON.stringify(catalog.source)},\n` +
    `  "exchangePlans": {\n${block(catalog.exchangePlans)}\n  },\n` +
    `  "skus": {\n${block(catalog.skus)}\n  }\n` +
    '}\n'
  );
}

export function repositoryRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const DEFAULT_CSV = (root: string): string =>
  path.resolve(root, '..', 'shared', 'reference', 'data', 'microsoft-licensing-service-plans.csv');
export const CATALOG_PATH = (root: string): string => path.join(root, 'src', 'reports', 'licensing', 'sku-catalog.json');

function main(): void {
  const root = repositoryRoot();
  const csvPath = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_CSV(root);
  const catalog = buildSkuCatalog(fs.readFileSync(csvPath, 'utf8'), path.basename(csvPath));
  const out = CATALOG_PATH(root);
  fs.writeFileSync(out, formatSkuCatalog(catalog));
  console.log(
    `${path.relative(root, out)}: ${Object.keys(catalog.skus).length} SKUs, ` +
      `${Object.keys(catalog.exchangePlans).length} Exchange plans, from ${csvPath}`,
  );
}

if (require.main === module) main();
