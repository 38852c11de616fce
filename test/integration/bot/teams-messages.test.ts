// Teams messages as Teams sends them, over real HTTP: an admin @mentioning a colleague in a command
// (a mention entity the bot resolves through the Teams roster), an Action.Submit from another app's
// card, and a channel activity that names no conversationType.
import { randomUUID } from 'node:crypto';
import { startStack, Stack, ADMIN_ID, PLAYGROUND_TENANT } from '../../support/stack';
import { cardText } from '../../support/connector';
import { visible } from '../../support/tenant-facts';
import { isProgress } from '../../support/ask';

let stack: Stack;
const BOT = { id: '28:mailbox-watch', name: 'Mailbox Watch' };

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
});
afterAll(async () => {
  await stack?.stop();
});

const person = (alias: string) => stack.tenant.users.find((u) => u.mailbox?.alias === alias)!;

function rosterEntry(alias: string) {
  const u = person(alias);
  const id = `29:1${alias}-${randomUUID()}`;
  stack.connector.roster.set(id, {
    id,
    name: u.displayName,
    aadObjectId: u.id,
    email: u.userPrincipalName,
    userPrincipalName: u.userPrincipalName,
    tenantId: PLAYGROUND_TENANT,
    userRole: 'user',
  });
  return { id, name: u.displayName };
}

/** A message as Teams posts it: `<at>` tags in the text and one mention entity per tag. */
function message(
  text: string,
  o: { mentions?: { id: string; name: string }[]; conversation?: Record<string, unknown>; value?: unknown } = {},
) {
  const mentions = [BOT, ...(o.mentions ?? [])].filter((m) => text.includes(`<at>${m.name}</at>`));
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: stack.connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:admin`, name: 'Test Admin', aadObjectId: ADMIN_ID },
    recipient: BOT,
    conversation: o.conversation ?? { id: `conv-${randomUUID()}`, conversationType: 'groupChat', tenantId: PLAYGROUND_TENANT },
    channelData: { tenant: { id: PLAYGROUND_TENANT } },
    text,
    textFormat: 'xml',
    entities: mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } })),
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}

/** Posts the activity; resolves with the final text of the first message the bot sent back. */
async function answer(activity: any, first?: RegExp): Promise<string> {
  const since = stack.connector.activities.length;
  expect((await stack.post(activity)).status).toBe(200);
  const sent = await stack.connector.waitFor(() =>
    stack.connector.activities
      .slice(since)
      .find(
        (a) => a.kind === 'send' && a.conversationId === activity.conversation.id && (!first || first.test(visible(cardText(a.activity)))),
      ),
  );
  return stack.connector.waitFor(() => {
    const latest = stack.connector.messages.get(sent.id);
    return !isProgress(latest) && visible(cardText(latest));
  });
}

describe('an @mentioned colleague is the person the command is about', () => {
  test('mailbox @Megan Bowen shows her mailbox, found through the roster', async () => {
    const megan = rosterEntry('meganb');
    const calls = stack.connector.rosterCalls;
    const text = await answer(message(`<at>Mailbox Watch</at> mailbox <at>${megan.name}</at>`, { mentions: [megan] }));
    expect(stack.connector.rosterCalls).toBe(calls + 1);
    expect(text).toContain(person('meganb').userPrincipalName);
    expect(text).not.toMatch(/Which mailbox/);
  });

  test('licenses @Megan Bowen shows her licences', async () => {
    const megan = rosterEntry('meganb');
    const text = await answer(message(`licenses <at>${megan.name}</at>`, { mentions: [megan] }), /Looking up the account/);
    expect(text).toContain(person('meganb').userPrincipalName);
    expect(text).toContain('Microsoft 365 E5');
  });

  test('mailboxes filter @Megan Bowen lists her mailbox', async () => {
    const megan = rosterEntry('meganb');
    const text = await answer(message(`mailboxes filter <at>${megan.name}</at>`, { mentions: [megan] }));
    expect(text).toContain(person('meganb').displayName);
    expect(text).not.toContain(person('alexw').displayName);
  });

  test('a roster that hangs: each look-up gives up after a few seconds, all at once, and the names Teams showed are used', async () => {
    stack.connector.rosterDelayMs = 12_000;
    try {
      const megan = rosterEntry('meganb');
      const since = stack.connector.activities.length;
      const activity = message(`mailbox <at>${megan.name}</at>`, { mentions: [megan] });
      // The turn's HTTP answer waits for its reply, so the clock starts with the post.
      const posting = stack.post(activity);
      // Well inside Teams' 15 s for a turn, and before the roster answers (12 s).
      const first = await stack.connector.waitFor(
        () => stack.connector.activities.slice(since).find((a) => a.kind === 'send' && a.conversationId === activity.conversation.id),
        10_000,
      );
      expect((await posting).status).toBe(200);
      const final = await stack.connector.waitFor(() => {
        const latest = visible(cardText(stack.connector.messages.get(first.id)));
        return !/Looking up/.test(latest) && latest;
      });
      expect(final).toContain(person('meganb').userPrincipalName);

      const five = ['meganb', 'alexw', 'meganb', 'alexw', 'meganb'].map(rosterEntry);
      const many = message(`mailboxes filter ${five.map((p) => `<at>${p.name}</at>`).join(' ')}`, { mentions: five });
      const before = stack.connector.activities.length;
      const postingMany = stack.post(many);
      await stack.connector.waitFor(
        () => stack.connector.activities.slice(before).find((a) => a.kind === 'send' && a.conversationId === many.conversation.id),
        10_000,
      );
      expect((await postingMany).status).toBe(200);
    } finally {
      stack.connector.rosterDelayMs = 0;
    }
  });

  test('someone the roster does not know is looked up by the name Teams showed', async () => {
    const stranger = { id: `29:1not-in-roster-${randomUUID()}`, name: person('meganb').displayName };
    const text = await answer(message(`mailbox <at>${stranger.name}</at>`, { mentions: [stranger] }));
    expect(text).toContain(person('meganb').userPrincipalName);
    expect(stack.logLines.some((l) => /mentioned person not resolved/.test(l))).toBe(true);
  });
});

test('Action.Submit from another app’s card is "not one of mine", not the help card', async () => {
  const text = await answer(message('', { value: { choice: 'yes', someOtherApp: true } }));
  expect(text).toMatch(/not one of mine/);
  expect(text).not.toMatch(/mailboxes/);
});

test('an activity without conversationType in a channel thread is a channel', async () => {
  const id = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2;messageid=1700000000000`;
  const text = await answer(message('<at>Mailbox Watch</at> alerts on', { conversation: { id, tenantId: PLAYGROUND_TENANT } }));
  expect(text).toMatch(/Alerts are on in this channel/);
  await stack.bot.server.bot.idle();
  const saved = await stack.bot.services.alerts.conversations.get(id);
  expect(saved?.conversationType).toBe('channel');
});
