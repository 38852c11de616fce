// An admin opens the Agents Playground, looks up a mailbox with an archive, and clicks Largest folders.
// UPDATE_DOC_SCREENSHOTS=1 copies the card's screenshot to docs/screenshots/largest-folders.png.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Demo } from '../../src/demo/launch';
import { playgroundForFile, SCREENSHOTS, typeMessage } from '../support/browser';
import { mailboxUsers } from '../support/tenant-facts';

let demo: Demo;
let page: Page;
playgroundForFile({}, (s) => ({ demo, page } = s));

test('mailbox <upn> → Largest folders lists the ten largest folders with items and size', async () => {
  // The archive fullest against its mailbox, so the card shows archive folders beside the mailbox's.
  const user = mailboxUsers(demo.tenant, 'UserMailbox')
    .filter((u) => u.mailbox!.archiveStatus === 'Active' && u.mailbox!.archive)
    .sort(
      (a, b) =>
        b.mailbox!.archive!.totalItemSizeBytes / b.mailbox!.totalItemSizeBytes -
        a.mailbox!.archive!.totalItemSizeBytes / a.mailbox!.totalItemSizeBytes,
    )[0];
  await typeMessage(page, `mailbox ${user.userPrincipalName}`);
  await page.getByRole('button', { name: 'Largest folders' }).last().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Largest folders' }).last().click();
  const line = page.getByText(/\d+ largest of [\d,]+ folders/).last();
  await line.waitFor({ timeout: 60_000 });
  const card = page.locator('.ac-adaptiveCard').last();
  await card.screenshot({ path: `${SCREENSHOTS}/e2e-largest-folders.png` });
  if (process.env.UPDATE_DOC_SCREENSHOTS)
    fs.copyFileSync(`${SCREENSHOTS}/e2e-largest-folders.png`, path.resolve(__dirname, '../../docs/screenshots/largest-folders.png'));
  const text = await card.innerText();
  expect(text).toContain(user.userPrincipalName);
  expect(text).toMatch(/\/Inbox|\/Sent Items|\/Archive/);
  expect(text).toMatch(/\d+(\.\d)? (GB|MB|KB)/);
});
