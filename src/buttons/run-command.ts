// `command.run` {text}: a button that runs a chat command as if typed (Refresh, Retry, a suggestion).
import { declareButton } from './button';

const MAX_TEXT = 300;

export const runCommandButton = declareButton<{ text: string }>('command.run', (data) => {
  const text = data.text;
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT) return null;
  return { text };
});

/** A button that runs a chat command, as if typed. */
export function runButton(title: string, text: string): object {
  return runCommandButton.button(title, { text });
}
