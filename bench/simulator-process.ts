// The simulated tenant in a process of its own (`npm run simulator`), as Microsoft's services are
// outside the bot's: its CPU and memory then never count as the bot's, and the bot's event loop is
// not slowed by the simulator serialising answers.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { ModelPatch, SimulatorInfo } from '../src/simulator';

export interface SimulatorProcess {
  info: SimulatorInfo;
  controlUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** The first line a child prints on stdout, or its stderr when it exits first. */
export function firstLine(child: ChildProcess, timeoutMs: number, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-3000)));
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`${what} printed nothing within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}; stderr: ${stderr}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/**
 * Starts `npm run simulator`'s entry with `tenant`, then sets `model` through the control API (the
 * simulator's own `PUT /_sim/model`, never a bot constant). The process starts with the assumed
 * Exchange Online's costs and limits (cost-model.ts).
 */
export async function startSimulatorProcess(tenant: string, model?: ModelPatch, timeoutMs = 180_000): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'src', 'simulator', 'main.js')], {
    env: { ...process.env, DEMO_TENANT: tenant, SIM_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
  };
  try {
    const info = JSON.parse(await firstLine(child, timeoutMs, 'the simulator')) as SimulatorInfo;
    if (model) {
      const put = await fetch(`${info.controlUrl}/_sim/model`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(model),
      });
      if (!put.ok) throw new Error(`PUT /_sim/model answered ${put.status}: ${await put.text()}`);
    }
    return { info, controlUrl: info.controlUrl, pid: child.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
