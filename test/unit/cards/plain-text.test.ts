import { Template } from 'adaptivecards-templating';
import { isolated, NAME_MAX_CHARS, plainText, visibleText } from '../../../src/cards/plain-text';
import { renderCard } from '../../../src/cards/render';

const DATE_FUNCTION = /\{\{(DATE|TIME)\(/;

describe('plainText', () => {
  it('leaves Markdown and HTML characters alone: they are shown in TextRuns, which do not read Markdown', () => {
    for (const name of ['**bold**', '[x](http://evil)', '<b>html</b>', '# heading', '- list', '1. list', '_under_ `code`']) {
      expect(plainText(name)).toBe(name);
    }
  });

  it('breaks {{DATE()}} and {{TIME()}} so no renderer formats them, without changing what is seen', () => {
    const hostile = '{{DATE(2020-01-01T00:00:00Z)}} {{TIME(2020-01-01T00:00:00Z)}} {{{x';
    const safe = plainText(hostile, 200);
    expect(safe).not.toMatch(DATE_FUNCTION);
    expect(safe).not.toContain('{{');
    expect(visibleText(safe)).toBe(hostile);
  });

  it('keeps emoji and right-to-left text intact', () => {
    expect(plainText('Zoë 🎉👩‍👩‍👧')).toBe('Zoë 🎉👩‍👩‍👧');
    expect(plainText('محمد الأحمد')).toBe('محمد الأحمد');
    expect(plainText('שרה כהן')).toBe('שרה כהן');
  });

  it('turns line breaks and other controls into spaces', () => {
    expect(plainText('Line1\nLine2\r\tEnd\u0000\u2028')).toBe('Line1 Line2  End  ');
  });

  it('cuts long names to 60 characters with an ellipsis, never inside an emoji', () => {
    const long = 'A'.repeat(300);
    expect(plainText(long)).toBe('A'.repeat(NAME_MAX_CHARS - 1) + '…');
    expect([...plainText(long)]).toHaveLength(60);
    const family = '👩‍👩‍👧';
    const emojis = plainText(family.repeat(100), 10);
    expect(emojis).toBe(family.repeat(9) + '…');
    expect(plainText('exactly ten', 11)).toBe('exactly ten');
  });

  it('isolates text that shares a line with other words', () => {
    expect(isolated('שרה')).toBe('\u2068שרה\u2069');
    expect(visibleText(isolated('x'))).toBe('x');
  });
});

describe('adaptivecards-templating', () => {
  it('never evaluates expressions inside data values', () => {
    const template = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Hi ${name}' },
        { type: 'TextBlock', text: '${name}' },
      ],
    };
    const card = renderCard(template, { name: '${owner} ${$root.secret} ${if(true, "x", "y")}', owner: 'EVIL', secret: 'SECRET' });
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Hi ${owner} ${$root.secret} ${if(true, "x", "y")}' },
      { type: 'TextBlock', text: '${owner} ${$root.secret} ${if(true, "x", "y")}' },
    ]);
    expect(JSON.stringify(card)).not.toContain('EVIL');
    expect(JSON.stringify(card)).not.toContain('SECRET');
  });

  it('is the Template class render.ts wraps (so the check above is about the real thing)', () => {
    expect(new Template({ a: '${x}' }).expand({ $root: { x: '${y}', y: 'no' } })).toEqual({ a: '${y}' });
  });
});
