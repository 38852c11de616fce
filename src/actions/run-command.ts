// `command.run`: buttons that run a chat command (Refresh, Retry, a suggested command). The text is
// untrusted: it goes through the same parsing and checks as typed text.
import { runCommandButton } from '../buttons/run-command';
import { defineAction } from './define-action';

export const runCommandAction = defineAction(runCommandButton, async (ctx, request) => {
  return ctx.runCommand(
    request.text
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
});
