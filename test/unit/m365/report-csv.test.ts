import { toMailboxUsageDetail, isConcealedName } from '../../../src/m365/graph-records';
import { csvRecords, parseCsv } from '../../../src/m365/report-csv';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('keeps a last line without a newline and skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('mailbox usage rows', () => {
  // A real v1.0 row (PnP CLI docs), columns shuffled and one extra, to prove columns are read by name.
  const csv =
    '\uFEFFReport Refresh Date,Display Name,User Principal Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,' +
    'Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,' +
    'Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Report Period,Some Future Column\n' +
    '2023-01-24,John Doe,john.doe@contoso.com,False,,2023-01-18,2023-01-24,191,5719031,105226698752,106300440576,107374182400,25,582157,32212254720,False,7,x\n' +
    '2023-01-24,22C5B5A0E3BB38EA4BB5B8CCEEEEA51D,22C5B5A0E3BB38EA4BB5B8CCEEEEA51D,False,,,,,,,,,,,,,7,\n';

  it('reads each column by its name', () => {
    const [john, hidden] = csvRecords(csv).map(toMailboxUsageDetail);
    expect(john).toEqual({
      reportRefreshDate: '2023-01-24',
      userPrincipalName: 'john.doe@contoso.com',
      displayName: 'John Doe',
      isDeleted: false,
      lastActivityDate: '2023-01-24',
      itemCount: 191,
      storageUsedBytes: 5719031,
      issueWarningQuotaBytes: 105226698752,
      prohibitSendQuotaBytes: 106300440576,
      prohibitSendReceiveQuotaBytes: 107374182400,
      deletedItemCount: 25,
      deletedItemSizeBytes: 582157,
      hasArchive: false,
    });
    expect(hidden.itemCount).toBeNull();
    expect(hidden.hasArchive).toBeNull();
    expect(isConcealedName(hidden.userPrincipalName)).toBe(true);
    expect(isConcealedName(john.userPrincipalName)).toBe(false);
  });

  it('keeps a Recipient Type column when the report has one', () => {
    const [row] = csvRecords('User Principal Name,Recipient Type\na@b.c,Shared\n').map(toMailboxUsageDetail);
    expect(row.recipientType).toBe('Shared');
  });
});
