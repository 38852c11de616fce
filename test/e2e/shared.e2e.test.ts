// An admin opens the Agents Playground, types `shared`, reads the counts, exports the list, and
// assigns a licence to a shared mailbox that needs one: Assign licence, Confirm, and the result.
import type { Page } from 'playwright-core';
import type { Demo } from '../../src/demo/launch';
import { playgroundForFile, SCREENSHOTS, typeMessage } from '../support/browser';
import { mailboxUsers, visible } from '../support/tenant-facts';

let demo: Demo;
let page: Page;
playgroundForFile({ REMEDIATION: 'on' }, (s) => ({ demo, page } = s));

const lastCard = () => page.locator('.ac-adaptiveCard').last();
const cardWith = (text: string) => page.locator('.ac-adaptiveCard', { hasText: text }).last();

async function assignedLicenses(upn: string): Promise<string[]> {
  const user = await (await fetch(`${demo.simulator.controlUrl}/_sim/users/${encodeURIComponent(upn)}`)).json();
  return user.assignedLicenses.map((l: { skuId: string }) => l.skuId);
}

test('shared shows the counts, Export CSV lists every shared mailbox, and Assign licence → Confirm licenses the mailbox', async () => {
  const shared = mailboxUsers(demo.tenant, 'SharedMailbox');
  await typeMessage(page, 'shared');
  await page.getByText('need a licence now').last().waitFor({ timeout: 60_000 });
  // Located by its text, not as the last card: the export's card arrives after it.
  const report = cardWith('need a licence now');
  // The card is taller than the chat pane: show its top, the counts, as the admin first sees them.
  await report.getByText('Shared mailbox licences').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/e2e-shared.png` });
  const text = visible(await report.innerText());
  expect(text).toContain(`${shared.length} shared mailboxes`);
  // The card lists the five most at risk, those that need a licence now first; the rest are in the export.
  const needs = Number(/(\d+)\s+need a licence now/.exec(text)![1]);
  expect(needs).toBeGreaterThan(0);
  expect(text.match(/Needs a licence now/g)).toHaveLength(Math.min(needs, 5));
  expect(text).toMatch(/The 5 most at risk of \d+\. Get every one with: export shared/);
  expect(text).toMatch(new RegExp(`${shared.filter((u) => u.accountEnabled).length}\\s+can sign in`));

  // Export CSV at the foot of the card: a link to every shared mailbox, from the report's snapshot.
  const exportButton = report.getByRole('button', { name: 'Export CSV' });
  await exportButton.scrollIntoViewIfNeeded();
  await exportButton.click();
  const download = page.getByText('Download CSV', { exact: true }).last();
  await download.waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${SCREENSHOTS}/e2e-shared-export.png` });
  expect(visible(await lastCard().innerText())).toContain('Shared mailbox licences (CSV)');
  const [request] = await Promise.all([
    page.context().waitForEvent('request', { predicate: (r) => r.url().includes('/api/exports/'), timeout: 10_000 }),
    download.click(),
  ]);
  const csv = await (await fetch(request.url())).text();
  expect(csv.trim().split('\r\n')).toHaveLength(shared.length + 1);

  // The first Assign licence belongs to the first row, the mailbox most at risk.
  const rows = shared.map((u) => ({ u, at: text.indexOf(u.userPrincipalName) })).filter((r) => r.at > -1);
  const firstRow = rows.sort((a, b) => a.at - b.at)[0].u;
  expect(await assignedLicenses(firstRow.userPrincipalName)).toEqual([]);
  await report.getByRole('button', { name: 'Assign licence' }).first().click();
  // The confirmation and the result replace the report card in place (a Universal Action's answer).
  const confirm = cardWith('Assign a licence?');
  await confirm.waitFor({ timeout: 60_000 });
  await confirm.screenshot({ path: `${SCREENSHOTS}/e2e-shared-confirm.png` });
  expect(visible(await confirm.innerText())).toContain(firstRow.userPrincipalName);

  await confirm.getByRole('button', { name: 'Confirm' }).click();
  const assigned = cardWith('Licence assigned');
  await assigned.waitFor({ timeout: 60_000 });
  await assigned.screenshot({ path: `${SCREENSHOTS}/e2e-shared-assigned.png` });
  expect(visible(await assigned.innerText())).toMatch(/Requested by/);
  expect((await assignedLicenses(firstRow.userPrincipalName)).length).toBeGreaterThan(0);
});
