// What the bot says when it is installed in a chat or a team.
import { AdaptiveCard, renderCard } from './render';
import template from './templates/welcome.json';

export function welcomeCard(options: { actions?: object[] } = {}): AdaptiveCard {
  return renderCard(template, {
    title: 'Mailbox reports, right here',
    intro: 'I read Exchange Online and Microsoft 365 licences for your tenant and answer in this chat. Try:',
    examples: [
      { command: 'mailboxes', what: 'user mailboxes with the most items' },
      { command: 'mailbox alex@contoso.com', what: 'one mailbox in full' },
      { command: 'shared', what: 'shared mailboxes that need a licence' },
    ],
    footer: 'Type help for every command. Only the admins this bot is set up for get answers.',
    actions: options.actions ?? [],
  });
}
