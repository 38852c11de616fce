// One way to run a report: a progress message kept current while the tenant is read, a snapshot of
// what was read (for the card's buttons and Export), then the result — or what failed, in the
// admin's words, with a Retry button. The outcome is data (`makeReport`): the chat commands
// (mailboxes, shared, licenses, export) post it into their progress message (`runReport`), and a
// scheduled run makes it with no message at all and posts only the answer.
import type { Logger } from '../log';
import type { Message, MessageRef, Outbox } from '../model/conversation';
import type { SnapshotKind, SnapshotStore } from '../state/snapshots';
import type { ChatTurns } from './chat-turns';
import { explainFailure } from './failures';
import { errorMessage, progressMessage } from './messages';
import { progressUpdates, type ProgressUpdates } from './progress-updates';

/** What the runner itself uses of the bot's services; a command's spec reads more of them. */
export interface RunnerServices {
  snapshots: Pick<SnapshotStore, 'save'>;
  chats: Pick<ChatTurns, 'answered'>;
}

/** What a report needs of where it runs: a chat turn after it has been answered, or a schedule. */
export interface ReportContext<S extends RunnerServices = RunnerServices> {
  services: S;
  log: Logger;
  now(): Date;
  conversation: { id: string };
}

export interface ReportSnapshot {
  kind: SnapshotKind;
  complete: boolean;
  data: unknown;
}

export interface ReportSpec<T> {
  /** The command that makes it (Retry and Refresh run it again; the snapshot remembers it). */
  commandText: string;
  /** The progress title, e.g. "Reading mailboxes…", and what it counts. */
  reading: string;
  noun?: string;
  /** The failure card's title, e.g. "I couldn't read the mailboxes". */
  failure: string;
  /** The log line's name, e.g. "mailbox report". */
  logName: string;
  /** `onStage` retitles the progress message (a new stage of the read, or a new estimate). */
  read(onProgress: (done: number, total: number) => void, onStage: (title: string) => void): Promise<T>;
  /** What to keep for the result's buttons. */
  snapshot?(data: T): ReportSnapshot;
  /** Without a snapshot the result cannot be given (an export's link): a failed save fails the report. */
  snapshotRequired?: boolean;
  /** The answer; `snapshotId` when the snapshot was saved. */
  result(data: T, snapshotId: string | undefined): Message;
  /** Extra fields of the log line (counts, never tenant text). */
  logFields?(data: T): Record<string, unknown>;
}

/** The first message a report shows while it reads. */
export function reportProgress(spec: Pick<ReportSpec<unknown>, 'reading' | 'noun'>): Message {
  return progressMessage(spec.reading, 0, null, spec.noun);
}

/** What a report came to: the message that answers, and, when it failed, why in one line. */
export interface ReportOutcome {
  message: Message;
  /** Set only when the report failed (its message is then the failure card with Retry). */
  failure?: string;
}

/** Makes the report: reads, snapshots and renders it, or says what failed. Never throws. */
export async function makeReport<T>(ctx: ReportContext, spec: ReportSpec<T>, progress?: ProgressUpdates): Promise<ReportOutcome> {
  const started = Date.now();
  const chats = ctx.services.chats;
  try {
    await chats.answered();
    const data = await spec.read(progress?.onProgress ?? (() => undefined), progress?.retitle ?? (() => undefined));
    // Ranking, snapshotting and rendering thousands of rows is a report's longest stretch on the thread.
    await chats.answered();
    const snapshotId = spec.snapshot ? await saveSnapshot(ctx, spec, spec.snapshot(data)) : undefined;
    await progress?.settled();
    ctx.log.info(spec.logName, { ...(spec.logFields?.(data) ?? {}), ms: Date.now() - started });
    return { message: spec.result(data, snapshotId) };
  } catch (err) {
    await progress?.settled();
    const failure = explainFailure(err);
    ctx.log.warn(`${spec.logName} failed`, { err: err as Error, ms: Date.now() - started });
    return {
      message: errorMessage(spec.failure, failure.message, spec.commandText, failure.fix),
      failure: `${spec.failure}: ${failure.message}`.slice(0, 300),
    };
  }
}

/**
 * Runs the report into `ref` (the progress message already sent), or sends its own progress
 * message first when there is none. Never throws: a failure is the answer.
 */
export async function runReport<T>(ctx: ReportContext, outbox: Outbox, spec: ReportSpec<T>, ref?: MessageRef): Promise<ReportOutcome> {
  const target = ref ?? (await outbox.send(reportProgress(spec)));
  const outcome = await makeReport(ctx, spec, progressUpdates(ctx, outbox, target, spec.reading, spec.noun));
  await outbox.update(target, outcome.message);
  return outcome;
}

async function saveSnapshot<T>(ctx: ReportContext, spec: ReportSpec<T>, s: ReportSnapshot): Promise<string | undefined> {
  try {
    const snapshot = await ctx.services.snapshots.save({
      kind: s.kind,
      conversationId: ctx.conversation.id,
      commandText: spec.commandText,
      complete: s.complete,
      data: s.data,
    });
    return snapshot.id;
  } catch (err) {
    if (spec.snapshotRequired) throw err;
    // The report still shows; only its buttons (paging, export) need the snapshot.
    ctx.log.warn('snapshot not saved', { err: err as Error, kind: s.kind });
    return undefined;
  }
}
