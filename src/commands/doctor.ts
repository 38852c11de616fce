// `doctor`: answers at once with a progress card, runs the checks after the turn (tokens can take
// seconds, an absent identity endpoint up to the token deadline), then replaces the card with the
// checklist and the fix for each failure.
import { doctorCard } from '../cards/doctor-card';
import { progressCard } from '../cards/progress-card';
import { runDoctor } from '../doctor/checks';
import { doctorSummary } from '../doctor/report-text';
import { errorMessage, runButton } from '../messages/replies';
import type { Command } from '../dispatch/types';

export const doctorCommand: Command = {
  name: 'doctor',
  usage: 'doctor',
  summary: 'Whether I can reach Microsoft Graph and Exchange, and the exact fix for each missing permission.',
  examples: ['doctor'],
  run: async (ctx) => {
    const ref = await ctx.reply({
      card: progressCard({
        title: 'Checking my access…',
        noun: 'checks',
        done: 0,
        total: null,
        note: 'Managed identity, tokens, permissions, then one call to Graph and one to Exchange.',
      }),
      text: 'Checking my access…',
    });
    ctx.later(async (outbox) => {
      const { config, tenant } = ctx.services;
      try {
        const report = await runDoctor({
          env: process.env,
          credential: tenant.credential,
          graph: tenant.graph,
          exchange: tenant.exchange,
          scopes: tenant.scopes,
          config,
        });
        ctx.log.info('doctor', { failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id) });
        await outbox.update(ref, {
          card: doctorCard(report, { actions: [runButton('Run doctor again', 'doctor')] }),
          text: doctorSummary(report),
        });
      } catch (err) {
        ctx.log.warn('doctor failed', { err: err as Error });
        await outbox.update(
          ref,
          errorMessage("I couldn't finish the checks", 'Something went wrong on my side; it has been logged.', 'doctor'),
        );
      }
    });
  },
};
