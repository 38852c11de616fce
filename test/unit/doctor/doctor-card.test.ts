// The doctor's checklist as a client reads it, and as console text.
import { doctorCard } from '../../../src/cards/doctor-card';
import { cardBytes, CARD_BYTE_LIMIT } from '../../../src/cards/render';
import { visibleText } from '../../../src/cards/plain-text';
import type { DoctorReport } from '../../../src/doctor/checks';
import { doctorSummary, doctorText } from '../../../src/doctor/report-text';
import { elementsOfType, paragraphs, parseLikeAClient } from '../cards/client-view';

const report: DoctorReport = {
  ok: false,
  principalId: '6596c16e-f8d1-4dbf-93b3-b0fb4e5c1d64',
  checks: [
    { id: 'identity', title: 'Managed identity', status: 'pass', detail: 'App Service managed identity. It answers.' },
    {
      id: 'exchange-token',
      title: 'Token for Exchange Online',
      status: 'fail',
      detail: 'It lacks Exchange.ManageAsApp.',
      fix: 'Run `npm run grant -- --identity 6596c16e-f8d1-4dbf-93b3-b0fb4e5c1d64` as a Privileged Role Administrator.',
    },
    { id: 'exchange-role', title: 'Entra role for Exchange Online', status: 'warn', detail: 'No Entra role, yet Exchange answered.' },
    {
      id: 'graph-call',
      title: 'Microsoft Graph answers',
      status: 'pass',
      detail: 'GET /organization answered: organisation "**Contoso** {{DATE(2020-01-01T00:00:00Z)}}".',
    },
    {
      id: 'exchange-call',
      title: 'Exchange Online answers',
      status: 'skip',
      detail: 'Skipped: without Exchange.ManageAsApp Exchange refuses every call (see above).',
    },
  ],
};

test('one line per check with its mark, the detail under it, and the fix under a failure', () => {
  const card = doctorCard(report, {
    actions: [{ type: 'Action.Execute', title: 'Run doctor again', verb: 'command.run', data: { text: 'doctor' } }],
  });
  expect(parseLikeAClient(card).problems).toEqual([]);
  const seen = paragraphs(card).map(visibleText);
  expect(seen.slice(0, 2)).toEqual(['Doctor: something needs fixing', '1 check failed: the fix is under each one.']);
  expect(seen).toContain('✓ Managed identity');
  expect(seen).toContain('✗ Token for Exchange Online');
  expect(seen).toContain('! Entra role for Exchange Online');
  expect(seen).toContain('– Exchange Online answers');
  expect(seen).toContain('Fix: Run npm run grant -- --identity 6596c16e-f8d1-4dbf-93b3-b0fb4e5c1d64 as a Privileged Role Administrator.');
  // Only the failure has a fix line.
  expect(seen.filter((t) => t.startsWith('Fix: '))).toHaveLength(1);
  const mono = elementsOfType(card, 'TextRun').filter((r) => r.fontType === 'Monospace');
  expect(mono.map((r) => r.text)).toEqual(['npm run grant -- --identity 6596c16e-f8d1-4dbf-93b3-b0fb4e5c1d64']);
  expect(elementsOfType(card, 'TextRun').find((r) => r.text === '✗')?.color).toBe('Attention');
});

test("a service's words stay plain: no Markdown place, no date function", () => {
  const card = doctorCard(report);
  expect(elementsOfType(card, 'TextBlock')).toEqual([]);
  const detail = elementsOfType(card, 'TextRun')
    .map((r) => String(r.text))
    .find((t) => t.includes('Contoso'))!;
  expect(detail).not.toContain('{{');
  expect(visibleText(detail)).toBe('GET /organization answered: organisation "**Contoso** {{DATE(2020-01-01T00:00:00Z)}}".');
});

test('all passing: a good header and no fix lines; warnings alone do not fail', () => {
  const good: DoctorReport = { ok: true, checks: report.checks.filter((c) => c.status === 'pass') };
  const card = doctorCard(good);
  expect((card.body[0] as { style: string }).style).toBe('good');
  expect(paragraphs(card)[0]).toBe('Doctor: all good');
  expect(doctorSummary(good)).toBe('Everything works: the bot can read Microsoft Graph and Exchange Online.');
  const warned: DoctorReport = { ok: true, checks: report.checks.filter((c) => c.status !== 'fail') };
  expect(doctorSummary(warned)).toBe('Everything works; 1 thing to look at.');
  expect((doctorCard(warned).body[0] as { style: string }).style).toBe('warning');
});

test('a card where every check fails with a long fix still fits in a Teams message', () => {
  const fix = `Run \`${'az rest --method POST '.repeat(20)}\` then wait. `.repeat(3);
  const worst: DoctorReport = {
    ok: false,
    checks: Array.from({ length: 14 }, (_, i) => ({
      id: `c${i}`,
      title: `Check ${i}`,
      status: 'fail' as const,
      detail: 'x'.repeat(2000),
      fix,
    })),
  };
  expect(cardBytes(doctorCard(worst))).toBeLessThan(CARD_BYTE_LIMIT);
});

test('console text: mark and title, indented detail and fix, the summary last', () => {
  expect(doctorText(report).split('\n').slice(0, 8)).toEqual([
    'Mailbox Watch doctor',
    '',
    '✓ Managed identity',
    '    App Service managed identity. It answers.',
    '✗ Token for Exchange Online',
    '    It lacks Exchange.ManageAsApp.',
    '    Fix: Run `npm run grant -- --identity 6596c16e-f8d1-4dbf-93b3-b0fb4e5c1d64` as a Privileged Role Administrator.',
    '! Entra role for Exchange Online',
  ]);
  expect(doctorText(report).trimEnd().split('\n').at(-1)).toBe('1 check failed: the fix is under each one.');
});
