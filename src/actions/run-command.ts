// `command.run`: buttons that run a chat command (Refresh, Retry, a suggested command). The text is
// untrusted: it goes through the same parsing and checks as typed text.
import type { CardAction } from '../commands/types';

const MAX_TEXT = 300;

export const runCommandAction: CardAction = {
  verb: 'command.run',
  run: async (ctx) => {
    const text = ctx.data.text;
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT) {
      return { kind: 'error', status: 400, message: 'That button sent something I do not understand.' };
    }
     
    return ctx.runCommand(text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim());
  },
};
