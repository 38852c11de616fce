// Azurite, Microsoft's local Azure Storage emulator, as the demo's and the tests' Blob Storage.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasExited, stopChild, stopWithThisProcess } from './children';

// Azurite's published development account: a well-known value, not a secret.
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface LocalStorage {
  blobUrl: string;
  /** Azurite's process (tests kill it to see the demo cope). */
  process?: import('node:child_process').ChildProcess;
  connectionString: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts azurite-blob on a free loopback port. `location` keeps data across restarts (the demo);
 * without it the data lives in a temporary folder removed on stop (tests).
 */
export async function startAzurite(options: { location?: string; quiet?: boolean } = {}): Promise<LocalStorage> {
  const main = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  const temporary = !options.location;
  const location = options.location ?? fs.mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  fs.mkdirSync(location, { recursive: true });
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--silent',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  stopWithThisProcess(child);
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d.toString()).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d.toString()).slice(-4000)));
  const blobUrl = `http://127.0.0.1:${port}/${ACCOUNT}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (hasExited(child)) throw new Error(`Azurite exited (${child.exitCode ?? child.signalCode}): ${output.trim() || 'no output'}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Azurite did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    blobUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${blobUrl};`,
    /** Also after Azurite died by itself (or from a signal): the demo's Ctrl-C must not wait on it. */
    stop: async () => {
      await stopChild(child);
      if (temporary) fs.rmSync(location, { recursive: true, force: true });
    },
    process: child,
  };
}
