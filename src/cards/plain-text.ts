// Tenant text (display names, addresses, error text from Exchange, what the admin typed) on a card.
//
// Teams reads TextBlock text and Fact values as Markdown, and every renderer expands {{DATE(…)}} and
// {{TIME(…)}} in TextBlock *and* TextRun text. Backslash-escaping Markdown is not honoured alike by
// Teams desktop and mobile (microsoft/AdaptiveCards#5590, MicrosoftDocs/msteams-docs#5793), so the
// cards never put tenant text where Markdown applies: it goes only into RichTextBlock/TextRun, whose
// text the Adaptive Cards schema defines as plain ("Markdown is not supported"), and plainText()
// below breaks the "{{" that would start a date function. adaptivecards-templating itself never
// evaluates data values, so a name like "${owner}" stays a name.

/** Display names longer than this are cut with an ellipsis; the full name is in `mailbox <upn>`. */
export const NAME_MAX_CHARS = 60;

const ZERO_WIDTH_SPACE = '\u200b';
// C0 and C1 controls, DEL, and line/paragraph separators: they would break a table row apart.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` made safe to show as-is in a TextRun: controls become spaces, "{{" is split by a zero-width
 * space (invisible, and no renderer's {{DATE()}} pattern matches across it), and anything longer than
 * `maxChars` user-perceived characters is cut to fit with "…" (never inside an emoji or a letter with
 * its accents).
 */
export function plainText(text: string | null | undefined, maxChars: number = NAME_MAX_CHARS): string {
  if (text === null || text === undefined) return '';
  let s = text.replace(CONTROLS, ' ');
  if (s.length > maxChars) {
    const graphemes: string[] = [];
    for (const g of segmenter.segment(s)) {
      graphemes.push(g.segment);
      if (graphemes.length > maxChars) break;
    }
    if (graphemes.length > maxChars)
      s =
        graphemes
          .slice(0, maxChars - 1)
          .join('')
          .trimEnd() + '…';
  }
  return s.replace(/\{(?=\{)/g, `{${ZERO_WIDTH_SPACE}`);
}

/**
 * Wraps tenant text that shares a line with the bot's own words in a Unicode first-strong isolate,
 * so a right-to-left name (or one holding bidi overrides) cannot reorder the words around it.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

/** What a reader sees: the text without the invisible characters plainText() and isolated() add. */
export function visibleText(text: string): string {
  return text.replace(/[\u200b\u2068\u2069]/g, '');
}
