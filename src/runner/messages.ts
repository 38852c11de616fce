// The two messages every report shows before and instead of its result: progress while reading, and
// a failure in one sentence with a Retry button.
import { runButton } from '../buttons/run-command';
import { errorCard } from '../cards/error-card';
import { progressCard, progressStatus } from '../cards/progress-card';
import type { Message } from '../model/conversation';

/** A failure in one sentence; with `retryText`, a Retry button runs that command again. */
export function errorMessage(title: string, message: string, retryText?: string, detail?: string): Message {
  const actions = retryText ? [runButton('Retry', retryText)] : [];
  return { card: errorCard({ title, message, detail, actions }), text: `${title}: ${message}` };
}

export function progressMessage(title: string, done: number, total: number | null, noun = 'mailboxes', note?: string): Message {
  return { card: progressCard({ title, noun, done, total, note }), text: progressStatus(noun, done, total) };
}
