// The demo's child processes (Azurite, the Agents Playground): stopped with the demo, and never left
// behind when the demo itself dies.
import type { ChildProcess } from 'node:child_process';

/** Killed by a signal, a child has exitCode null and signalCode set: it has exited all the same. */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Ties the child to this process: 'exit' fires on process.exit and on an uncaught exception alike,
 * and kill() is synchronous, so a crashed demo takes its children with it. Returns the untie.
 */
export function stopWithThisProcess(child: ChildProcess): () => void {
  const kill = () => {
    if (!hasExited(child)) child.kill('SIGTERM');
  };
  process.once('exit', kill);
  const untie = () => process.removeListener('exit', kill);
  child.once('exit', untie);
  return untie;
}

/** SIGTERM, SIGKILL after `graceMs`; resolves at once for a child that has already exited. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  return new Promise<void>((resolve) => {
    if (hasExited(child)) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => !hasExited(child) && child.kill('SIGKILL'), graceMs).unref();
  });
}
