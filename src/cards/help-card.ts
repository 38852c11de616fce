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

export interface HelpCardOptions {
  /** The word the user typed that is not a command (shown as typed, as plain text). */
  unknown?: string;
  /** The nearest command, from suggestCommand. */
  suggestion?: string;
  /** The commands to list, in order: `commands/help.ts` makes them from each command's declaration. */
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
    commands: (options.commands ?? []).map((c) => ({
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
