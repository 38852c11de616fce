import { parseMailboxesArguments } from '../../../src/arguments/mailboxes';

const ok = (text: string) => {
  const parsed = parseMailboxesArguments(text);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${parsed.message}`);
  return parsed.query;
};
const error = (text: string) => {
  const parsed = parseMailboxesArguments(text);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return parsed.message;
};

describe('parseMailboxesArguments', () => {
  it('defaults to user mailboxes, most items first, top 10', () => {
    expect(ok('')).toEqual({ type: 'user', sort: 'items', top: 10 });
    expect(ok('   ')).toEqual({ type: 'user', sort: 'items', top: 10 });
  });

  it('takes the words in any order and any case', () => {
    expect(ok('SHARED sort Size top 10')).toEqual({ type: 'shared', sort: 'size', top: 10 });
    expect(ok('top 10 Sort ACTIVITY rooms')).toEqual({ type: 'room', sort: 'activity', top: 10 });
    expect(ok('all sort quota')).toMatchObject({ type: 'all', sort: 'quota' });
    expect(ok('users sort name')).toMatchObject({ type: 'user', sort: 'name' });
  });

  it('takes `live` to read every mailbox live instead of from the usage report', () => {
    const parsed = parseMailboxesArguments('shared live sort size');
    expect(parsed).toEqual({ ok: true, query: { type: 'shared', sort: 'size', top: 10 }, live: true });
    expect(parseMailboxesArguments('shared')).toMatchObject({ ok: true, live: false });
    expect(error('live live')).toMatch(/twice/);
  });

  it('tolerates the command word itself in front', () => {
    expect(ok('mailboxes shared')).toMatchObject({ type: 'shared' });
  });

  it('lets filter take the rest of the line, quotes optional', () => {
    expect(ok('shared filter Sales Team EMEA')).toMatchObject({ type: 'shared', filter: 'Sales Team EMEA' });
    expect(ok('filter "sort of top" top 5')).toMatchObject({ filter: '"sort of top" top 5', top: 10 });
    expect(ok('top 5 filter "Sales Team"')).toMatchObject({ filter: 'Sales Team', top: 5 });
    expect(ok('filter “Ünïcode ✓”')).toMatchObject({ filter: 'Ünïcode ✓' });
  });

  it('accepts top from 1 to 1,000', () => {
    expect(ok('top 1').top).toBe(1);
    expect(ok('top 1000').top).toBe(1000);
    expect(ok('top 1,000').top).toBe(1000);
  });

  it('refuses a bad top with a short reason', () => {
    expect(error('top -3')).toBe("top needs a whole number from 1 to 1,000, not '-3'.");
    expect(error('top abc')).toBe("top needs a whole number from 1 to 1,000, not 'abc'.");
    expect(error('top 2.5')).toContain("not '2.5'");
    expect(error('top 0')).toBe('top needs a whole number from 1 to 1,000.');
    expect(error('top 5000')).toBe('top can be at most 1,000. For every mailbox, use: export mailboxes');
    expect(error('top')).toBe('top needs a number, e.g. top 50.');
  });

  it('suggests the nearest sort', () => {
    expect(error('sort sise')).toBe("Unknown sort 'sise'. Did you mean 'size'? Try: sort items|size|activity|quota|growth|name");
    expect(error('sort nonsense')).toBe("Unknown sort 'nonsense'. Try: sort items|size|activity|quota|growth|name");
    expect(error('sort')).toBe('sort needs a column. Try: sort items|size|activity|quota|growth|name');
  });

  it('refuses unknown words, suggesting a keyword when one is close', () => {
    expect(error('shraed')).toBe(
      "I don't know 'shraed' here. Did you mean 'shared'? Usage: mailboxes [user|shared|room|group|all] [sort items|size|activity|quota|growth|name] [top N] [live] [filter TEXT]",
    );
    expect(error('banana')).toMatch(/^I don't know 'banana' here\. Usage: mailboxes /);
    expect(error('x'.repeat(200))).toContain(`'${'x'.repeat(29)}…'`);
  });

  it('refuses contradictions and repeats', () => {
    expect(error('user shared')).toBe('Choose one mailbox type: user, shared, room, group or all.');
    expect(error('sort size sort name')).toBe('sort is given twice; keep one.');
    expect(error('top 5 top 6')).toBe('top is given twice; keep one.');
  });

  it('checks the filter text', () => {
    expect(error('filter')).toBe('filter needs some text, e.g. filter sales');
    expect(error('filter ""')).toBe('filter needs some text, e.g. filter sales');
    expect(ok(`filter ${'a'.repeat(100)}`).filter).toHaveLength(100);
    expect(error(`filter ${'a'.repeat(101)}`)).toBe('filter text is too long: at most 100 characters.');
    expect(error('filter a\u0000b')).toBe('filter text cannot contain line breaks or control characters.');
  });
});
