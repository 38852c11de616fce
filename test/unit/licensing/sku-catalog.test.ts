import * as fs from 'fs';
import {
  buildSkuCatalog,
  CATALOG_PATH,
  DEFAULT_CSV,
  formatSkuCatalog,
  parseCsv,
  repositoryRoot,
} from '../../../scripts/generate-sku-names';
import { exchangePlan, skuName } from '../../../src/reports/licensing/sku-catalog';

const root = repositoryRoot(__dirname);
const csvPath = DEFAULT_CSV(root);

describe('the SKU catalog', () => {
  const csvPresent = fs.existsSync(csvPath);
  (csvPresent ? test : test.skip)("is what the generator makes from Microsoft's CSV (run it again if this fails)", () => {
    const fresh = formatSkuCatalog(buildSkuCatalog(fs.readFileSync(csvPath, 'utf8')));
    expect(fs.readFileSync(CATALOG_PATH(root), 'utf8')).toBe(fresh);
  });

  test('names the SKUs an admin knows, by skuId', () => {
    expect(skuName({ skuId: '19EC0D23-8335-4CBD-94AC-6050E30712FA' })).toBe('Exchange Online (Plan 2)');
    expect(skuName({ skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900' })).toBe('Office 365 E3');
    expect(skuName({ skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965' })).toBe('Microsoft 365 E3');
    expect(skuName({ skuId: '00000000-1111-2222-3333-444444444444', skuPartNumber: 'CONTOSO_SPECIAL' })).toBe('CONTOSO_SPECIAL');
  });

  test('knows what each Exchange service plan gives', () => {
    expect(exchangePlan('efb87545-963c-4e0d-99df-69c6916d9eb0')).toMatchObject({
      name: 'EXCHANGE_S_ENTERPRISE',
      kind: 'plan2',
      label: 'Exchange Online (Plan 2)',
    });
    expect(exchangePlan('9aaf7827-d63c-4b61-89c3-182f06f82e5c')?.kind).toBe('plan1');
    expect(exchangePlan('4a82b400-a79f-41a4-b4e2-e94f5787b113')?.kind).toBe('kiosk');
    expect(exchangePlan('176a09a6-7ec5-4039-ac02-b2791c6ba793')?.kind).toBe('archiving');
    expect(exchangePlan('da040e0a-b393-4bea-bb76-928b3fa1cf5a')?.kind).toBe('none');
    expect(exchangePlan('113feb6c-3fe4-4440-bddc-54d774bf0318')?.kind).toBe('none');
  });
});

describe('the generator', () => {
  test('reads RFC 4180 CSV: BOM, quoted commas, doubled quotes, CRLF, line breaks in quotes', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', 'z'],
    ]);
  });

  test('keeps one name per SKU and only the Exchange plans, trimming no-break spaces', () => {
    const csv = [
      'Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names',
      '"Office 365 E3",ENTERPRISEPACK ,6FD2C87F-B296-42F0-B197-1E91E994B900,EXCHANGE_S_ENTERPRISE\u00a0,efb87545-963c-4e0d-99df-69c6916d9eb0,EXCHANGE ONLINE (PLAN 2)',
      '"Office 365 E3",ENTERPRISEPACK,6fd2c87f-b296-42f0-b197-1e91e994b900,SWAY,a23b959c-7ce8-4e57-9140-b90eb88a9e97,SWAY',
      'Exchange Online (Plan 2),EXCHANGEENTERPRISE,19ec0d23-8335-4cbd-94ac-6050e30712fa,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)',
    ].join('\r\n');
    const catalog = buildSkuCatalog(csv, 'test.csv');
    expect(catalog.skus).toEqual({
      '19ec0d23-8335-4cbd-94ac-6050e30712fa': { partNumber: 'EXCHANGEENTERPRISE', name: 'Exchange Online (Plan 2)' },
      '6fd2c87f-b296-42f0-b197-1e91e994b900': { partNumber: 'ENTERPRISEPACK', name: 'Office 365 E3' },
    });
    expect(catalog.exchangePlans).toEqual({
      'efb87545-963c-4e0d-99df-69c6916d9eb0': { name: 'EXCHANGE_S_ENTERPRISE', label: 'Exchange Online (Plan 2)', kind: 'plan2' },
    });
    expect(JSON.parse(formatSkuCatalog(catalog))).toEqual(catalog);
  });

  test('refuses a CSV without the columns it needs', () => {
    expect(() => buildSkuCatalog('Name,Id\r\nx,y\r\n')).toThrow(/no column Product_Display_Name/);
  });
});
