// `mailbox <upn or name>`: one mailbox in full.
import { parseMailboxArgument } from '../arguments/mailbox';
import { mailboxAnswer } from '../messages/mailbox-details-message';
import { errorMessage, progressMessage } from '../messages/replies';
import type { Command, Message, MessageRef, Outbox, TurnBaseContext } from '../dispatch/types';

export const mailboxCommand: Command = {
  name: 'mailbox',
  usage: 'mailbox <upn, name or @person>',
  summary: 'One mailbox in full: statistics, quotas, archive, holds, licences, its size trend and when it will be full.',
  details:
    'In Teams, @mention a colleague to mean their mailbox. The trend, growth per day over 30 and 90 days and the projected full date come from the stored history.',
  examples: ['mailbox alex@contoso.com', 'mailbox Megan'],
  run: async (ctx) => {
    const arg = parseMailboxArgument(ctx.args);
    if (!arg.ok) {
      await ctx.reply(errorMessage("I couldn't read that", arg.message));
      return;
    }
    if (arg.identity.includes('*')) {
      await ctx.reply(errorMessage("I couldn't read that", 'No wildcards needed: type the address, or the start of the name.'));
      return;
    }
    const ref = await ctx.reply(progressMessage('Looking up the mailbox…', 0, null, 'mailbox'));
    ctx.later(async (outbox) =>
      outbox.update(ref, await withinDeadline(ctx, arg.identity, outbox, ref, mailboxAnswer(ctx, arg.identity, arg))),
    );
  },
};

/**
 * One mailbox is a few calls; when Exchange takes 35 s a call, its retries would keep "Looking up"
 * on screen for minutes. The card says it is slow after SLOW_NOTICE_MS and gives a clear failure,
 * with Retry, after ANSWER_DEADLINE_MS (the calls still running are left to finish unseen).
 */
export const SLOW_NOTICE_MS = 10_000;
export const ANSWER_DEADLINE_MS = 45_000;

async function withinDeadline(
  ctx: TurnBaseContext,
  typed: string,
  outbox: Outbox,
  ref: MessageRef,
  answer: Promise<Message>,
): Promise<Message> {
  const timers: NodeJS.Timeout[] = [];
  // The slow notice is finished before the answer replaces it, so it can never land after the answer.
  let notice: Promise<void> | undefined;
  timers.push(
    setTimeout(() => {
      notice = outbox
        .update(ref, progressMessage('Looking up the mailbox…', 0, null, 'mailbox', 'Exchange is answering slowly; still waiting.'))
        .catch(() => undefined);
    }, SLOW_NOTICE_MS),
  );
  const late = new Promise<Message>((resolve) => {
    timers.push(
      setTimeout(() => {
        ctx.log.warn('mailbox lookup gave up', { afterMs: ANSWER_DEADLINE_MS });
        resolve(
          errorMessage(
            'Exchange did not answer in time',
            `Looking up the mailbox took more than ${ANSWER_DEADLINE_MS / 1000} seconds: Exchange Online is answering very slowly. Try again in a few minutes.`,
            `mailbox ${typed}`,
          ),
        );
      }, ANSWER_DEADLINE_MS),
    );
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    timers.forEach(clearTimeout);
    await notice;
  }
}
