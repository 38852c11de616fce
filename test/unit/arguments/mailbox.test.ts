import { parseMailboxArgument } from '../../../src/arguments/mailbox';

describe('parseMailboxArgument', () => {
  it('recognises an address, an object id and a name', () => {
    expect(parseMailboxArgument(' alex@contoso.com ')).toEqual({ ok: true, identity: 'alex@contoso.com', kind: 'upn' });
    expect(parseMailboxArgument('0c1e7b2a-4f4b-4a47-9a8a-3c1b2a4d5e6f')).toMatchObject({ ok: true, kind: 'id' });
    expect(parseMailboxArgument('Alex Wilber')).toEqual({ ok: true, identity: 'Alex Wilber', kind: 'name' });
  });

  it('drops quotes and a mailto: prefix', () => {
    expect(parseMailboxArgument('"Conf Room Adams"')).toMatchObject({ identity: 'Conf Room Adams' });
    expect(parseMailboxArgument('<alex@contoso.com>')).toMatchObject({ identity: 'alex@contoso.com', kind: 'upn' });
    expect(parseMailboxArgument('mailto:alex@contoso.com')).toMatchObject({ identity: 'alex@contoso.com', kind: 'upn' });
  });

  it('keeps names in any script', () => {
    expect(parseMailboxArgument('שרה כהן')).toMatchObject({ ok: true, kind: 'name', identity: 'שרה כהן' });
    expect(parseMailboxArgument('Zoë 🎉')).toMatchObject({ ok: true, kind: 'name' });
  });

  it('asks which mailbox when there is none', () => {
    expect(parseMailboxArgument('')).toEqual({ ok: false, message: 'Which mailbox? Try: mailbox alex@contoso.com' });
    expect(parseMailboxArgument('  ""  ')).toMatchObject({ ok: false, message: 'Which mailbox? Try: mailbox alex@contoso.com' });
  });

  it('refuses what no mailbox can be called', () => {
    expect(parseMailboxArgument('a'.repeat(256))).toMatchObject({ ok: true });
    expect(parseMailboxArgument('a'.repeat(257))).toMatchObject({ ok: false, message: expect.stringContaining('at most 256') });
    expect(parseMailboxArgument('alex\n@contoso.com')).toMatchObject({ ok: false, message: expect.stringContaining('control characters') });
    expect(parseMailboxArgument('bell\u0007')).toMatchObject({ ok: false });
    expect(parseMailboxArgument('alex@@contoso')).toMatchObject({
      ok: false,
      message: expect.stringContaining('does not look like an address'),
    });
    expect(parseMailboxArgument('alex @contoso.com')).toMatchObject({ ok: false });
  });
});
