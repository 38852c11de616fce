import { editDistance, suggestCommand } from '../../../src/arguments/suggest';

const COMMANDS = ['help', 'mailboxes', 'mailbox', 'shared', 'licenses', 'alerts', 'export', 'doctor'];

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('sise', 'size')).toBe(1);
    expect(editDistance('mialbox', 'mailbox')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('suggestCommand', () => {
  it.each([
    ['mailbxes', 'mailboxes'],
    ['MAILBOXS', 'mailboxes'],
    ['mialbox', 'mailbox'],
    ['licences', 'licenses'],
    ['lisences', 'licenses'],
    ['shraed', 'shared'],
    ['docter', 'doctor'],
    ['hlep', 'help'],
    ['alert', 'alerts'],
    ['exprot', 'export'],
    ['lic', 'licenses'],
    ['mail', 'mailbox'],
  ])('%s → %s', (typed, expected) => expect(suggestCommand(typed, COMMANDS)).toBe(expected));

  it('suggests nothing for words that are not close', () => {
    expect(suggestCommand('banana', COMMANDS)).toBeUndefined();
    expect(suggestCommand('hi', COMMANDS)).toBeUndefined();
    expect(suggestCommand('', COMMANDS)).toBeUndefined();
    expect(suggestCommand('x', COMMANDS)).toBeUndefined();
  });
});
