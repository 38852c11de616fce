import { errorCard } from '../../../src/cards/error-card';
import { helpCard } from '../../../src/cards/help-card';
import { allCommands } from '../../../src/commands';
import { helpEntries } from '../../../src/dispatch/help-message';
import { visibleText } from '../../../src/cards/plain-text';
import { progressCard, progressStatus } from '../../../src/cards/progress-card';
import { welcomeCard } from '../../../src/cards/welcome-card';
import { elementsOfType, paragraphs, parseLikeAClient } from './client-view';

// What help lists comes from each command's declaration.
const HELP_COMMANDS = helpEntries(allCommands());

describe('help card', () => {
  it('lists every command of the contract with an example', () => {
    const card = helpCard({ commands: HELP_COMMANDS });
    expect(parseLikeAClient(card).problems).toEqual([]);
    expect(HELP_COMMANDS.map((c) => c.name).sort()).toEqual([
      'alerts',
      'archives',
      'doctor',
      'export',
      'help',
      'history',
      'licenses',
      'mailbox',
      'mailboxes',
      'price',
      'schedule',
      'shared',
    ]);
    const seen = paragraphs(card);
    expect(seen[0]).toBe('What I can do');
    for (const c of HELP_COMMANDS) {
      expect(seen).toContain(c.name);
      expect(seen).toContain(c.description);
    }
    expect(seen).toContain(
      'mailboxes [user|shared|room|group|all] [sort items|size|activity|quota|growth|name] [top N] [live] [filter TEXT]',
    );
    expect(seen).toContain('Try: mailboxes shared sort size top 10');
    // What the name already says is not said again: no "help" usage line, no "Try: shared".
    expect(seen.filter((t) => t === 'help')).toHaveLength(1);
    expect(seen).not.toContain('Try: shared');
    expect(seen).not.toContain('Try: help');
  });

  it('answers an unknown word with the nearest command, showing the word as typed', () => {
    const card = helpCard({ unknown: '**mailbxes**', suggestion: 'mailboxes' });
    expect(parseLikeAClient(card).problems).toEqual([]);
    const seen = paragraphs(card).map(visibleText);
    expect(seen.slice(0, 3)).toEqual(["'**mailbxes**' is not a command.", 'Did you mean mailboxes?', 'Here is what I understand']);
    expect(elementsOfType(card, 'TextBlock').map((t) => t.text)).not.toContainEqual(expect.stringContaining('mailbxes'));
  });

  it('has no suggestion line when nothing is close', () => {
    const seen = paragraphs(helpCard({ unknown: 'banana' })).map(visibleText);
    expect(seen[0]).toBe("'banana' is not a command.");
    expect(seen.join('\n')).not.toContain('Did you mean');
  });
});

describe('welcome card', () => {
  it('is short and shows what to type', () => {
    const card = welcomeCard();
    expect(parseLikeAClient(card).problems).toEqual([]);
    const seen = paragraphs(card);
    expect(seen).toHaveLength(6);
    expect(seen).toContain('mailboxes user mailboxes with the most items');
    expect(seen.at(-1)).toContain('help');
  });
});

describe('error card', () => {
  it('shows a title, one sentence, a detail line and buttons, all as plain text', () => {
    const retry = { type: 'Action.Execute', title: 'Try again', verb: 'retry' };
    const card = errorCard({
      title: 'Exchange did not answer',
      message: 'I could not read mailbox statistics for [x](http://evil).',
      detail: 'HTTP 503 {{DATE(2020-01-01T00:00:00Z)}}',
      actions: [retry],
    });
    expect(parseLikeAClient(card).problems).toEqual([]);
    const seen = paragraphs(card).map(visibleText);
    expect(seen).toEqual([
      'Exchange did not answer',
      'I could not read mailbox statistics for [x](http://evil).',
      'HTTP 503 {{DATE(2020-01-01T00:00:00Z)}}',
    ]);
    expect(JSON.stringify(card)).not.toMatch(/\{\{DATE\(/);
    expect(elementsOfType(card, 'TextBlock')).toEqual([]);
    expect(card.actions).toEqual([retry]);
  });

  it('drops the detail line when there is none', () => {
    expect(paragraphs(errorCard({ title: 'No', message: 'Not allowed.' }))).toEqual(['No', 'Not allowed.']);
  });
});

describe('progress card', () => {
  it('answers at once with the size of the job', () => {
    const card = progressCard({ title: 'Mailbox report', noun: 'mailboxes', done: 0, total: 10_000 });
    expect(parseLikeAClient(card).problems).toEqual([]);
    expect(paragraphs(card)).toEqual(['Mailbox report', '10,000 mailboxes to read', '░░░░░░░░░░░░░░░░░░░░ 0%']);
  });

  it('shows progress with a bar', () => {
    const card = progressCard({
      title: 'Mailbox report',
      noun: 'mailboxes',
      done: 4_000,
      total: 10_000,
      note: 'Exchange asked me to slow down.',
    });
    expect(paragraphs(card)).toEqual([
      'Mailbox report',
      '4,000 of 10,000 mailboxes read',
      '████████░░░░░░░░░░░░ 40%',
      'Exchange asked me to slow down.',
    ]);
    const [bar] = elementsOfType(card, 'TextBlock').filter((t) => t.fontType === 'Monospace');
    expect(bar).toBeDefined();
  });

  it('copes with an unknown total and with overshoot', () => {
    expect(paragraphs(progressCard({ title: 'Looking up the mailbox…', noun: 'mailbox', done: 0, total: null }))).toEqual([
      'Looking up the mailbox…',
    ]);
    expect(paragraphs(progressCard({ title: 'T', noun: 'mailboxes', done: 1_500, total: null }))).toEqual([
      'T',
      '1,500 mailboxes read so far',
    ]);
    expect(paragraphs(progressCard({ title: 'T', noun: 'mailboxes', done: 12, total: 10 }))).toEqual([
      'T',
      '10 of 10 mailboxes read',
      '████████████████████ 100%',
    ]);
  });

  it('keeps the longer sentence for the message text, where no title stands above it', () => {
    expect(progressStatus('mailboxes', 4_000, 10_000)).toBe('Reading mailboxes… 4,000 of 10,000');
  });
});
