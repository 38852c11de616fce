// An admin opens the Agents Playground, looks up a mailbox with an archive, and clicks Largest folders.
import type { Page } from 'playwright-core';
import type { Demo } from '../../src/demo/launch';
import { playgroundForFile, SCREENSHOTS, typeMessage } from '../support/browser';
import { mailboxUsers } from '../support/tenant-facts';

let demo: Demo;
let page: Page;
playgroundForFile({}, (s) => ({ demo, page } = s));

test('mailbox <upn> → Largest folders lists the ten largest folders with items and size', async () => {
  const user = mailboxUsers(demo.tenant, 'UserMailbox').find((u) => u.mailbox!.archiveStatus === 'Active')!;
  await typeMessage(page, `mailbox ${user.userPrincipalName}`);
  await page.getByRole('button', { name: 'Largest folders' }).last().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Largest folders' }).last().click();
  const line = page.getByText(/\d+ largest of [\d,]+ folders/).last();
  await line.waitFor({ timeout: 60_000 });
  const card = page.locator('.ac-adaptiveCard').last();
  await card.screenshot({ path: `${SCREENSHOTS}/e2e-largest-folders.png` });
  const text = await card.innerText();
  expect(text).toContain(user.userPrincipalName);
  expect(text).toMatch(/\/Inbox|\/Sent Items|\/Archive/);
  expect(text).toMatch(/\d+(\.\d)? (GB|MB|KB)/);
});
