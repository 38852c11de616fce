// The real bot over HTTP on a generated tenant: commands typed in a personal chat and in a channel,
// then every button on every card clicked (an Action.Execute invoke), and the buttons of the cards
// those clicks answer with, one level down. Everything the bot posted to the connector and every
// invoke response is measured as it crossed the wire: no Table, an Action.Submit fallback on every
// Action.Execute, no row click as an Action.Execute, at most six top-level actions, at most 28 KB.
import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { TEAMS_MESSAGE_LIMIT } from '../../../src/cards/sendable';

/**
 * 3,000 mailboxes by default: past the 2,000 where reports switch to the usage report, and a size a
 * reviewer's check of every button used; about 30 s. The 100,000-mailbox walk of every card builder is
 * test/unit/cards/every-card-at-scale.test.ts. WALK_TENANT=generate:100000:1 runs this walk at the
 * bench's largest tenant too (minutes: `licenses` and each Refresh read every mailbox).
 */
const TENANT = process.env.WALK_TENANT ?? 'generate:3000:1';
const COMMANDS = [
  'mailboxes',
  'mailboxes all sort size',
  'mailboxes user sort quota top 50',
  'mailboxes filter a',
  'mailboxes shared sort activity top 1000',
  'shared',
  'licenses',
  'help',
  'alerts on',
  'mailboxes group',
  'archives',
  'archives live sort growth top 1000',
  'history',
  'history collect',
  'price ENTERPRISEPACK 26.50 EUR monthly',
  'price list',
  'licenses by department',
  'licenses by country',
  'licenses by company',
  'schedule mailboxes all sort size weekly monday at 08:00',
  'schedule list',
  'schedule list all',
  'alerts on quota full pools inactive renewals archive growth recoverable licence',
  'alerts check',
  'alerts list all',
];

/** The mailbox with the most in it, and an archive when one has: `mailbox <upn>` and its Largest folders. */
function biggestMailbox(): string {
  const withMailbox = stack.tenant.users.filter((u) => u.mailbox);
  const withArchive = withMailbox.filter((u) => u.mailbox!.archiveStatus === 'Active');
  return (withArchive.length ? withArchive : withMailbox).reduce((a, b) =>
    b.mailbox!.totalItemSizeBytes > a.mailbox!.totalItemSizeBytes ? b : a,
  ).userPrincipalName;
}

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: TENANT, config: { remediation: true } });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

interface Seen {
  what: string;
  card: any;
  bytes: number;
}

function executes(card: any, out: any[] = []): any[] {
  if (Array.isArray(card)) card.forEach((c) => executes(c, out));
  else if (card && typeof card === 'object') {
    if (card.type === 'Action.Execute') out.push(card);
    for (const [k, v] of Object.entries(card)) if (k !== 'fallback') executes(v, out);
  }
  return out;
}

function countType(card: any, type: string): number {
  return (JSON.stringify(card).match(new RegExp(`"type":"${type.replace('.', '\\.')}"`, 'g')) ?? []).length;
}

test(`every card and every button's answer on ${TENANT}, as sent`, async () => {
  const invokes: Seen[] = [];
  const cards: { what: string; card: any }[] = [];
  for (const conversationType of ['personal', 'channel']) {
    const conversationId = conversationType === 'channel' ? `19:${randomUUID().replace(/-/g, '')}@thread.tacv2` : `a:${randomUUID()}`;
    for (const text of [...COMMANDS, `mailbox ${biggestMailbox()}`]) {
      const since = stack.connector.activities.length;
      expect(await stack.say(text, { conversationId, conversationType })).toBe(200);
      await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.conversationId === conversationId));
      await stack.bot.server.bot.idle();
    }
  }
  const answer = await askBot(stack, 'mailboxes all sort name', { ownConversation: true });
  expect(answer.text).toMatch(/ of [\d,]+ mailboxes/);

  // Click every button of every card posted so far, then the buttons of what those clicks answered.
  const clicked = new Set<string>();
  let level = stack.connector.activities.flatMap((a) =>
    (a.activity.attachments ?? []).map((x: any) => ({ what: 'message', card: x.content })),
  );
  for (let depth = 0; depth < 2; depth++) {
    const next: { what: string; card: any }[] = [];
    for (const { card } of level) {
      for (const button of executes(card)) {
        const key = `${button.verb} ${JSON.stringify(button.data)}`;
        if (clicked.has(key) || clicked.size >= 400) continue;
        clicked.add(key);
        const res = await stack.click(button.verb, button.data, { replyToId: 'card-1' });
        expect(res.status).toBe(200);
        const what = `${button.title} (${button.verb})`;
        invokes.push({ what, card: res.body.value, bytes: Buffer.byteLength(JSON.stringify(res.body), 'utf8') });
        if (res.body.type === 'application/vnd.microsoft.card.adaptive') next.push({ what, card: res.body.value });
      }
    }
    await stack.bot.server.bot.idle();
    cards.push(...next);
    level = next;
  }
  await stack.bot.server.bot.idle();

  const posted: Seen[] = stack.connector.activities
    .filter((a) => a.activity.attachments?.length)
    .map((a) => ({
      what: `${a.kind}: ${String(a.activity.summary ?? '').slice(0, 60)}`,
      card: a.activity.attachments[0].content,
      bytes: Buffer.byteLength(JSON.stringify(a.activity), 'utf8'),
    }));
  const all = [...posted, ...invokes.filter((i) => i.card && typeof i.card === 'object')];
  // The cards the merged commands send, each reached: a command whose card never came would pass unseen.
  const whats = posted.map((p) => p.what);
  for (const expected of [
    / archives$/,
    /^update: Licences by department/,
    /^update: Licences by company/,
    /^update: Mailbox history/,
    /^update: Mailbox /,
    /^send: Largest folders of /,
    /scheduled report/,
    /^update: \d[\d,]* mailboxes$/,
  ])
    expect(whats.filter((w) => expected.test(w)).length).toBeGreaterThan(0);
  // Text replies (`schedule list all`, `alerts list all`, `price …`) weigh against the same limit.
  const texts = stack.connector.activities
    .filter((a) => !a.activity.attachments?.length)
    .map((a) => ({
      what: `${a.kind}: ${String(a.activity.text ?? '').slice(0, 40)}`,
      bytes: Buffer.byteLength(JSON.stringify(a.activity), 'utf8'),
    }));
  expect(texts.filter((t) => t.bytes > TEAMS_MESSAGE_LIMIT)).toEqual([]);
  const largest = all.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  if (process.env.WALK_LIST) console.log(all.map((s) => `${s.bytes} ${s.what}`).join('\n'));
  console.log(`${posted.length} activities, ${invokes.length} clicks; largest: ${largest.what}, ${largest.bytes} bytes`);
  expect(clicked.size).toBeGreaterThan(40);

  const problems: string[] = [];
  for (const s of all) {
    if (countType(s.card, 'Table') > 0) problems.push(`${s.what}: Table`);
    for (const b of executes(s.card)) {
      if (b.fallback?.type !== 'Action.Submit' || b.fallback.data?.verb !== b.verb)
        problems.push(`${s.what}: ${b.title} has no Submit fallback`);
    }
    if (/"selectAction":\{"type":"Action\.Execute"/.test(JSON.stringify(s.card)))
      problems.push(`${s.what}: row click is an Action.Execute`);
    if ((s.card.actions ?? []).length > 6) problems.push(`${s.what}: ${s.card.actions.length} top-level actions`);
    if (s.bytes > TEAMS_MESSAGE_LIMIT) problems.push(`${s.what}: ${s.bytes} bytes`);
  }
  expect(problems).toEqual([]);
}, 600_000);
