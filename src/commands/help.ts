import { helpMessage } from '../dispatch/help-message';
import type { Command } from '../dispatch/types';

export function helpCommand(all: () => Command[]): Command {
  return {
    name: 'help',
    aliases: ['?', 'hi', 'hello'],
    usage: 'help',
    summary: 'What I do, each command with an example.',
    examples: ['help'],
    run: async (ctx) => {
      await ctx.reply(helpMessage(all()));
    },
  };
}
