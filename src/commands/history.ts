// `history [collect]`: what the mailbox history store holds; `collect` collects a new day now.
import { historyCard } from '../cards/history-card';
import { runButton } from '../buttons/run-command';
import type { CollectOutcome } from '../history/collect';
import { explainFailure } from '../runner/failures';
import { errorMessage, progressMessage } from '../runner/messages';
import type { Command, Message } from '../dispatch/types';
import type { BotServices } from '../services';

function collectedText(o: CollectOutcome): string {
  switch (o.kind) {
    case 'written':
      return `Collected ${o.date}: ${o.mailboxes.toLocaleString('en-US')} mailboxes in ${(o.ms / 1000).toFixed(1)} s.`;
    case 'exists':
      return `Nothing new: the usage report's latest day (${o.date}) is already stored.`;
    case 'concealed':
      return "Not collected: Microsoft 365 conceals names in its usage report here, so its rows cannot be joined to mailboxes. Turn off 'Display concealed user, group, and site names' in the admin centre's Reports settings.";
    case 'failed':
      return `Not collected: ${o.message}.`;
  }
}

async function historyMessage(services: BotServices, collected?: CollectOutcome): Promise<Message> {
  const summary = await services.history.store.summary();
  const card = historyCard({
    ...summary,
    collected: collected ? collectedText(collected) : undefined,
    actions: [runButton('Collect now', 'history collect')],
  });
  return { card, text: `Mailbox history: ${summary.days} days` };
}

export const historyCommand: Command = {
  name: 'history',
  usage: 'history [collect]',
  summary: "What the mailbox history holds (days, dates, mailboxes, last collection, size in storage); 'collect' collects a new day now.",
  examples: ['history', 'history collect'],
  run: async (ctx) => {
    const arg = ctx.args.trim().toLowerCase();
    if (arg !== '' && arg !== 'collect') {
      await ctx.reply(errorMessage("I couldn't read that", `history takes nothing or 'collect', not '${ctx.args.trim().slice(0, 30)}'.`));
      return;
    }
    const ref = await ctx.reply(progressMessage(arg ? 'Collecting mailbox history…' : 'Reading the mailbox history…', 0, null, 'days'));
    ctx.later(async (outbox) => {
      try {
        const collected = arg ? await ctx.services.history.collector.collect({ recheck: true }) : undefined;
        await outbox.update(ref, await historyMessage(ctx.services, collected));
      } catch (err) {
        const failure = explainFailure(err);
        ctx.log.warn('history failed', { err: err as Error });
        await outbox.update(
          ref,
          errorMessage("I couldn't read the history", failure.message, arg ? 'history collect' : 'history', failure.fix),
        );
      }
    });
  },
};
