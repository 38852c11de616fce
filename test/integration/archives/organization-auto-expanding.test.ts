// A tenant whose organisation turned auto-expanding archiving on for everyone
// (Set-OrganizationConfig -AutoExpandingArchive): every mailbox's own AutoExpandingArchiveEnabled
// reads false, yet each archive expands to 1.5 TB. `archives` shows that cap and says why, and an
// archive at 95 GB growing half a GB a day is nowhere near its cap.
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { askBot } from '../../support/ask';
import { archiveTenant, GB, NEAR_CAP } from './archive-tenant';

const DAY = 86_400_000;
let now = Date.parse('2026-12-01T09:00:00Z');
let stack: Stack | undefined;

afterAll(async () => {
  await stack?.stop();
});

const ask = async (text: string) => (await askBot(stack!, text)).text;

async function setArchive(upn: string, bytes: number): Promise<void> {
  const res = await fetch(`${stack!.sim.controlUrl}/_sim/users/${upn}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox: { archive: { totalItemSizeBytes: bytes } } }),
  });
  expect(res.ok).toBe(true);
}

async function checkAlerts(): Promise<string[]> {
  const start = stack!.connector.activities.length;
  expect(await stack!.say('alerts check')).toBe(200);
  await stack!.connector.waitFor(() => stack!.connector.activities.slice(start).find((a) => /Checked/.test(cardText(a.activity))));
  return stack!.connector.activities
    .slice(start)
    .filter((a) => a.kind === 'send' && /ARCHIVE ALERT/.test(cardText(a.activity)))
    .map((a) => cardText(a.activity));
}

test('with auto-expanding archiving on for the organisation, archives shows the 1.5 TB cap and the cap alert stays quiet', async () => {
  const tenant = archiveTenant();
  tenant.organization = { autoExpandingArchive: true };
  stack = await startStack({ tenant, env: { ALERT_INTERVAL_MINUTES: '0' }, clock: () => new Date(now) });
  expect(await ask('alerts on archive 30')).toMatch(/Alerts are on/);

  const first = await ask('archives live');
  expect(first).toMatch(/Auto-expanding for the whole organisation/);
  expect(first).toMatch(/Nora Nearcap\s*95 GB \/ 1\.5 TB/);
  expect(first).not.toMatch(/\/ 100 GB/);
  expect(await checkAlerts()).toHaveLength(0);
  expect(await ask(`mailbox ${NEAR_CAP}`)).toMatch(/Archive\s*Active, auto-expanding/);

  // Half a GB a day: 100 GB would be full in 9 days; 1.5 TB is years away.
  now += DAY;
  await setArchive(NEAR_CAP, 95.5 * GB);
  expect(await ask('archives live')).toMatch(/Nora Nearcap\s*9\d GB \/ 1\.5 TB\s*6%/);
  expect(await checkAlerts()).toHaveLength(0);
});
