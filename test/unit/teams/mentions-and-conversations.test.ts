import { commandTextOf, conversationTypeOf, personMentionsOf } from '../../../src/teams/activity';

const BOT = '28:bot';
const mention = (id: string, name: string) => ({ type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } });

describe('mentions', () => {
  const activity = {
    text: '<at>Mailbox Watch</at> mailbox <at>Megan Bowen</at>',
    entities: [mention(BOT, 'Mailbox Watch'), mention('29:megan', 'Megan Bowen')],
  };

  test("only the bot's own mention is removed; a person's becomes what the roster said", () => {
    expect(commandTextOf(activity, BOT)).toBe('mailbox Megan Bowen');
    expect(commandTextOf(activity, BOT, new Map([['29:megan', 'meganb@contoso.com']]))).toBe('mailbox meganb@contoso.com');
  });

  test('people mentioned, never the bot', () => {
    expect(personMentionsOf(activity, BOT)).toEqual([{ text: '<at>Megan Bowen</at>', id: '29:megan', name: 'Megan Bowen' }]);
  });

  test('a leading mention without an entity is the bot’s', () => {
    expect(commandTextOf({ text: '<at>Mailbox Watch</at> help' }, BOT)).toBe('help');
  });
});

describe('conversation type from the id when Teams leaves it out', () => {
  test.each([
    ['19:abc@thread.tacv2', 'channel'],
    ['19:abc@thread.tacv2;messageid=1700000000000', 'channel'],
    ['19:abc@thread.skype', 'channel'],
    ['19:abc@thread.v2', 'groupChat'],
    ['19:meeting_abc@thread.v2', 'groupChat'],
    ['a:1xyz', undefined],
  ])('%s → %s', (id, type) => {
    expect(conversationTypeOf({ id })).toBe(type);
  });

  test('a stated type wins', () => {
    expect(conversationTypeOf({ id: '19:abc@thread.tacv2', conversationType: 'personal' })).toBe('personal');
  });
});
