// `command.run`: buttons that run a chat command (Refresh, Retry, a suggested command). The text is
// untrusted: it goes through the same parsing and checks as typed text.
import { NOT_UNDERSTOOD } from '../buttons/button';
import { runCommandButton } from '../buttons/run-command';
import type { CardAction } from '../commands/types';

export const runCommandAction: CardAction = {
  verb: runCommandButton.verb,
  button: runCommandButton,
  run: async (ctx) => {
    const request = runCommandButton.parse(ctx.data);
    if (!request) return NOT_UNDERSTOOD;
    return ctx.runCommand(
      request.text
        .replace(/[\u0000-\u001f\u007f]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  },
};
