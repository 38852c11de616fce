// A stack whose alert cycles the test runs itself: no timer, and POST /api/alerts/run allowed to one
// runner identity whose tokens the local OpenID server signs, as Entra would for the Azure job.
import type { KeyObject } from 'node:crypto';
import type { RunningBot } from '../../src/app';
import { startOpenIdServer, type OpenIdServer } from './openid-server';
import { startStack, type Stack, type StackOptions } from './stack';

export const RUNNER = '0a0a0a0a-0000-4000-8000-00000000beef';
const AUDIENCE = 'api://mailbox-watch-test';
const TENANT = '2f1b3c4d-0000-4000-8000-00000000aaaa';
const ISSUER = `https://sts.windows.net/${TENANT}/`;

export interface CycleRunner {
  /** A token for `oid` as the runner's tenant issues it; `claims` override, `key` signs instead of the published one. */
  token(oid: string, claims?: Record<string, unknown>, key?: KeyObject): string;
  /** Runs a cycle on `bot` (the stack's by default), waits for it and resolves with its report. */
  runCycle(bot?: RunningBot): Promise<any>;
  /** Bots a test starts beside the stack's: stopped after the file. */
  extraBots: RunningBot[];
}

/** Starts the stack for every test of a file (in a `beforeAll`), hands it to `ready`, and stops it all after. */
export function cycleStackForFile(options: StackOptions, ready: (stack: Stack) => void): CycleRunner {
  let stack: Stack | undefined;
  let keys: OpenIdServer | undefined;
  const extraBots: RunningBot[] = [];
  beforeAll(async () => {
    keys = await startOpenIdServer();
    stack = await startStack({
      ...options,
      env: { ALERT_INTERVAL_MINUTES: '0', ...options.env },
      config: {
        ...options.config,
        alertRun: { runners: [RUNNER], metadataUrl: keys.metadataUrl, issuers: [ISSUER], audiences: [AUDIENCE] },
      },
    });
    ready(stack);
  });
  afterAll(async () => {
    for (const b of extraBots) await b.stop().catch(() => undefined);
    await stack?.stop();
    await keys?.stop();
  });
  const token = (oid: string, claims: Record<string, unknown> = {}, key?: KeyObject) =>
    keys!.token(AUDIENCE, '', { claims: { iss: ISSUER, tid: TENANT, oid, serviceurl: undefined, ...claims }, ...(key ? { key } : {}) });
  return {
    token,
    extraBots,
    runCycle: async (bot = stack!.bot) => {
      const res = await fetch(`${bot.url}/api/alerts/run?wait=1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token(RUNNER)}` },
      });
      expect(res.status).toBe(200);
      return res.json();
    },
  };
}
