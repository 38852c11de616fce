// `help`, and the answer to anything that is not a command.
import { isolated, plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import template from './templates/help.json';

export interface HelpEntry {
  name: string;
  usage: string;
  description: string;
  example: string;
}

/** Every chat command of the contract (shared/design/CONTRACT.md), in the order an admin meets them. */
export const HELP_COMMANDS: readonly HelpEntry[] = [
  {
    name: 'mailboxes',
    usage: 'mailboxes [user|shared|room|all] [sort items|size|activity|quota|name] [top N] [live] [filter TEXT]',
    description:
      'The mailbox report: items, size, last activity, quota and how much of it is used. Default: user mailboxes, most items first; sort activity puts the least recently used first.',
    example: 'mailboxes shared sort size top 10',
  },
  {
    name: 'mailbox',
    usage: 'mailbox <upn, name or @person>',
    description: 'One mailbox in full: statistics, quotas, archive, holds and licences.',
    example: 'mailbox alex@contoso.com',
  },
  {
    name: 'shared',
    usage: 'shared',
    description: 'Shared mailboxes that need a licence and lack one, each with the reason and the fix.',
    example: 'shared',
  },
  {
    name: 'licenses',
    usage: 'licenses [upn]',
    description: "The tenant's subscriptions (bought, assigned, free), or one user's licences and Exchange plan.",
    example: 'licenses alex@contoso.com',
  },
  {
    name: 'alerts',
    usage: 'alerts [on|off|status|check] · alerts list all · alerts off <id>',
    description: 'Alerts in this conversation: subscribe, stop, show the settings, or run the checks now.',
    example: 'alerts on',
  },
  {
    name: 'schedule',
    usage: 'schedule <report> <when> · schedule list [all] · schedule off <n|all|id> · schedule run <n>',
    description: 'A report posted here on a schedule, in your time zone (daily, weekdays, weekly, monthly); list, cancel or run one now.',
    example: 'schedule shared weekly monday at 08:00',
  },
  {
    name: 'export',
    usage: 'export mailboxes|shared|licenses',
    description: 'A CSV download link that expires.',
    example: 'export mailboxes',
  },
  {
    name: 'doctor',
    usage: 'doctor',
    description: 'Whether I can reach Microsoft Graph and Exchange, and the exact fix for each missing permission.',
    example: 'doctor',
  },
  {
    name: 'help',
    usage: 'help',
    description: 'This list.',
    example: 'help',
  },
];

export interface HelpCardOptions {
  /** The word the user typed that is not a command (shown as typed, as plain text). */
  unknown?: string;
  /** The nearest command, from suggestCommand. */
  suggestion?: string;
  commands?: readonly HelpEntry[];
  actions?: object[];
}

export function helpCard(options: HelpCardOptions = {}): AdaptiveCard {
  const unknown = options.unknown ? plainText(options.unknown, 40) : '';
  return renderCard(template, {
    hasUnknown: unknown !== '',
    unknown: isolated(`'${unknown}'`),
    hasSuggestion: Boolean(options.suggestion),
    suggestion: plainText(options.suggestion ?? '', 40),
    title: unknown ? 'Here is what I understand' : 'What I can do',
    intro:
      'I report Exchange Online mailboxes and Microsoft 365 licences. Commands are not case-sensitive; in a channel, @mention me first.',
    commands: (options.commands ?? HELP_COMMANDS).map((c) => ({
      name: c.name,
      description: c.description,
      // The full syntax only where it says more than the name, and an example only where it differs.
      hasUsage: c.usage.trim() !== c.name,
      usage: c.usage,
      hasExample: c.example.trim() !== c.name && c.example.trim() !== c.usage.trim(),
      example: c.example,
    })),
    footer: 'Reports read the tenant live, so a large tenant takes a moment; I answer at once and update the card.',
    actions: options.actions ?? [],
  });
}
