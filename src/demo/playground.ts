// Starts the Microsoft 365 Agents Playground (a Teams-like client) pointed at the bot.
import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { hasExited, stopChild, stopWithThisProcess } from './children';

export const PLAYGROUND_USER_ID = '00000000-0000-0000-0000-0000000000020';

export interface Playground {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function playgroundCli(): string {
  const cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('The Agents Playground is not installed: run `npm ci` first.');
  return cli;
}

/** Resolves once the playground answers HTTP on its port. */
export async function startPlayground(options: { botUrl: string; port: number; cwd?: string; quiet?: boolean }): Promise<Playground> {
  const child = spawn(
    process.execPath,
    [playgroundCli(), '-e', `${options.botUrl}/api/messages`, '-c', 'msteams', '-p', String(options.port), '--dt'],
    {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' },
      stdio: options.quiet ? 'ignore' : ['ignore', 'pipe', 'pipe'],
    },
  );
  stopWithThisProcess(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d.toString()).length > 20000 && (output = output.slice(-10000)));
  child.stderr?.on('data', (d) => (output += d.toString()).length > 20000 && (output = output.slice(-10000)));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (hasExited(child)) throw new Error(`The Agents Playground exited (${child.exitCode}): ${output.slice(-2000)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The Agents Playground did not start on port ${options.port}: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    stop: () => stopChild(child),
  };
}
