// How fast the report's buttons answer (page, sort, filter) through /api/messages on a
// 10,000-row snapshot, and how many tenant calls they make (the target is none).
// And 50 admins chatting at once — is every one answered, and how soon is the first reply?
import { randomUUID } from 'node:crypto';
import { INSTANT_MODEL } from '../src/simulator';
import { chatActivity, postActivity, startBenchBot } from './bench-bot';
import { activityText, isProgress } from './local-connector';
import { ADMIN_ID, count, requestCounts, resetRequestCounts, seconds } from './simulated-tenant';
import { startSimulatorProcess } from './simulator-process';
import type { AddRow, Print } from './summary';

const TENANT = 'generate:10000:1';
const CLICKS = 40;
const ADMINS = 50;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function actionsOf(card: any): any[] {
  const out: any[] = [];
  const walk = (n: any): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === 'object') {
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) out.push(n);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The invoke response's JSON; undefined for a message's empty 201. */
function jsonOrUndefined(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  // No latency: the first report only builds the snapshot; what is measured is the clicks. The tenant
  // answers from its own process, as Microsoft's services do: its CPU is not the bot's.
  const sim = await startSimulatorProcess(TENANT, INSTANT_MODEL);
  const admins = [ADMIN_ID, ...Array.from({ length: ADMINS - 1 }, () => randomUUID())];
  const running = await startBenchBot(sim.info, { env: { STORAGE_CONTAINER: 'benchbuttons' }, config: { admins } });
  const { bot, connector } = running;
  const activity = (from: string, conversationId: string, extra: object) =>
    chatActivity(connector.url, sim.info.tenantId, conversationId, extra, from);
  const post = async (body: object) => {
    const res = await postActivity(bot.url, body);
    return { status: res.status, body: jsonOrUndefined(res.body) };
  };
  const finalCard = async (conversationId: string): Promise<any> => {
    for (const deadline = performance.now() + 180_000; ;) {
      const last = connector.of(conversationId).at(-1);
      if (last && !isProgress(last.activity)) return last.activity.attachments?.[0]?.content;
      if (performance.now() > deadline) throw new Error('no final card');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  try {
    const conversation = `bench-${randomUUID()}`;
    const started = performance.now();
    await post(activity(ADMIN_ID, conversation, { type: 'message', text: 'mailboxes all' }));
    const report = await finalCard(conversation);
    print(
      `buttons: tenant ${TENANT}; snapshot of ${count(10000)} mailboxes made by \`mailboxes all\` in ${seconds(performance.now() - started)}`,
    );
    const next = actionsOf(report).find((a) => a.title === 'Next ▶');
    const sorts = actionsOf(report).filter((a) => a.verb === 'report.page' && a.data?.o === 0);
    const filter = actionsOf(report).find((a) => a.verb === 'report.filter');
    if (!next || sorts.length === 0 || !filter) throw new Error('the report card lacks its buttons');
    await resetRequestCounts(sim.controlUrl);

    const click = async (verb: string, data: object): Promise<number> => {
      const start = performance.now();
      const res = await post(
        activity(ADMIN_ID, conversation, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data } },
        }),
      );
      const ms = performance.now() - start;
      if (res.body?.type !== 'application/vnd.microsoft.card.adaptive')
        throw new Error(`click answered ${JSON.stringify(res.body).slice(0, 200)}`);
      return ms;
    };
    const kinds: [string, () => Promise<number>][] = [
      ['page', () => click(next.verb, { ...next.data, o: 25 * (1 + Math.floor(Math.random() * 300)) })],
      [
        'sort',
        () => {
          const s = sorts[Math.floor(Math.random() * sorts.length)];
          return click(s.verb, s.data);
        },
      ],
      [
        'filter',
        () => click(filter.verb, { ...filter.data, text: '', minPercent: String(50 + Math.floor(Math.random() * 50)), inactiveDays: '' }),
      ],
    ];
    for (const [name, once] of kinds) {
      await once(); // warm: the first click after a restart would read the snapshot from Blob Storage
      const times: number[] = [];
      for (let i = 0; i < CLICKS; i++) times.push(await once());
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      print(`buttons: ${name} x${CLICKS} on the ${count(10000)}-row snapshot: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`);
      addRow({
        bench: 'buttons',
        figure: `${name} click, 10,000-row snapshot (p95)`,
        measured: `${p95.toFixed(0)} ms (p50 ${p50.toFixed(0)} ms)`,
        target: '< 150 ms',
        met: p95 < 150,
      });
    }
    const counts = await requestCounts(sim.controlUrl);
    const tenantCalls = counts.apis.graph.total + counts.apis.exchange.total;
    print(`buttons: tenant calls made by the ${3 * (CLICKS + 1)} clicks: ${tenantCalls}`);
    addRow({
      bench: 'buttons',
      figure: 'tenant calls made by the clicks',
      measured: String(tenantCalls),
      target: '0',
      met: tenantCalls === 0,
    });

    // 50 admins at once, each in their own chat, each asking for the shared mailboxes.
    const conversations = admins.map((id) => ({ id, conversation: `bench-${randomUUID()}` }));
    const t0 = performance.now();
    await Promise.all(conversations.map((c) => post(activity(c.id, c.conversation, { type: 'message', text: 'mailboxes shared' }))));
    const firsts = await Promise.all(conversations.map(async (c) => (await connector.waitFor(c.conversation, 60_000)).at - t0));
    const finals = await Promise.all(
      conversations.map(async (c) => ({ card: await finalCard(c.conversation), at: connector.of(c.conversation).at(-1)!.at - t0 })),
    );
    const answered = finals.filter((f) => /shared mailboxes/i.test(activityText({ attachments: [{ content: f.card }] }))).length;
    const p50 = percentile(firsts, 50);
    const p95 = percentile(firsts, 95);
    print(
      `buttons: ${ADMINS} admins sent \`mailboxes shared\` at once: ${answered}/${ADMINS} got their report; first reply p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms; last report at ${seconds(Math.max(...finals.map((f) => f.at)))}`,
    );
    addRow({
      bench: 'buttons',
      figure: `${ADMINS} admins at once: answered`,
      measured: `${answered}/${ADMINS}`,
      target: `${ADMINS}/${ADMINS}`,
      met: answered === ADMINS,
    });
    addRow({
      bench: 'buttons',
      figure: `${ADMINS} admins at once: first reply (p95)`,
      measured: `${p95.toFixed(0)} ms (p50 ${p50.toFixed(0)} ms)`,
    });
  } finally {
    await running.stop();
    await sim.stop();
  }
}
