import { ChatTurns } from '../../../src/runner/chat-turns';

test('a report waits for the chat turns in progress, and only for them', async () => {
  const chats = new ChatTurns();
  await expect(chats.answered(10_000)).resolves.toBeUndefined(); // none in progress: at once
  const first = chats.started();
  const second = chats.started();
  let woke = false;
  const waiting = chats.answered(10_000).then(() => (woke = true));
  first();
  first(); // answering twice counts once
  await new Promise((r) => setImmediate(r));
  expect(woke).toBe(false);
  second();
  await waiting;
  expect(woke).toBe(true);
  expect(chats.count).toBe(0);
});

test('a steady stream of chat never holds a report longer than the bound', async () => {
  const chats = new ChatTurns();
  chats.started(); // never answered
  const t0 = Date.now();
  await chats.answered(50);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
  expect(chats.count).toBe(1);
});
