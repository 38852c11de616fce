// The cards an admin reads most, at a phone's width (360 px) and at a desktop's, in the Agents
// Playground: `mailboxes`, `shared`, `licenses` and an alert. The screenshots are kept in
// docs/screenshots/; the checks are what a phone user would notice: every row is there (Teams
// mobile draws a Table blank, so none is used), nothing is wider than the screen, and the numbers
// sit in their own right-aligned column.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Demo } from '../../src/demo/launch';
import { DESKTOP, DOCS_SCREENSHOTS, PHONE, playgroundForFile, typeMessage } from '../support/browser';
import { mailboxUsers, unlicensedSharedMailbox, visible } from '../support/tenant-facts';

let demo: Demo;
let page: Page;
playgroundForFile({ REMEDIATION: 'on', ALERT_INTERVAL_MINUTES: '0' }, (s) => ({ demo, page } = s));
beforeAll(() => {
  fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
});

/**
 * The card at both widths, saved as <name>-desktop.png and <name>-phone.png. The Playground's chat
 * pane stops narrowing at about 430 px, so at the phone's viewport the card itself is held to 360 px,
 * the width a phone gives it, and laid out again by the Adaptive Cards renderer's CSS.
 */
async function atBothWidths(card: Locator, name: string): Promise<void> {
  await page.setViewportSize({ ...DESKTOP, height: 3000 });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(DOCS_SCREENSHOTS, `${name}-desktop.png`) });
  await page.setViewportSize({ ...PHONE, height: 3000 });
  await card.evaluate((el, width) => {
    (el as HTMLElement).style.width = `${width}px`;
    (el as HTMLElement).style.maxWidth = `${width}px`;
  }, PHONE.width);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(DOCS_SCREENSHOTS, `${name}-phone.png`) });
}

/** At 360 px nothing in the card reaches past its right edge: no cut-off figure, no sideways scroll. */
async function fitsThePhone(card: Locator): Promise<void> {
  const overflow = await card.evaluate((root) => {
    const edge = root.getBoundingClientRect().right;
    const out: string[] = [];
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > edge + 1)
        out.push(`${el.tagName}.${el.className} "${(el.textContent ?? '').slice(0, 30)}": ${Math.round(r.right - edge)} px over`);
    }
    return out.slice(0, 5);
  });
  expect(overflow).toEqual([]);
  expect(Math.round((await card.boundingBox())!.width)).toBe(PHONE.width);
}

const cardWith = (text: string | RegExp) => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();

test('mailboxes on a phone: the totals, then ten rows, each name beside its right-aligned figures', async () => {
  await page.setViewportSize(DESKTOP);
  const users = mailboxUsers(demo.tenant, 'UserMailbox').sort((a, b) => b.mailbox!.itemCount - a.mailbox!.itemCount);
  await typeMessage(page, 'mailboxes');
  const card = cardWith(new RegExp(`10 of ${users.length} user mailboxes`));
  await card.waitFor({ timeout: 60_000 });
  await atBothWidths(card, 'mailboxes');
  await fitsThePhone(card);
  const text = visible(await card.innerText());
  // All ten rows are drawn (a Table would leave the list blank on Teams mobile).
  for (const u of users.slice(0, 10)) expect(text).toContain(visible(u.displayName));
  expect(text).not.toContain(visible(users[10].displayName));
  // Each figure's right edge lines up with its header's: a right-aligned column.
  // (The totals above also say "Size": the column's header is the last.)
  const header = (await card.getByText('Size', { exact: true }).last().boundingBox())!;
  const sizes = await card.getByText(/^\d+(\.\d+)? (GB|MB|KB|B)$/).all();
  const boxes = (await Promise.all(sizes.map((s) => s.boundingBox()))).filter((b) => b && b.y > header.y);
  expect(boxes).toHaveLength(10);
  for (const b of boxes) expect(Math.abs(header.x + header.width - (b!.x + b!.width))).toBeLessThanOrEqual(2);
});

test('shared on a phone: the four counts, then the five mailboxes most at risk with their buttons', async () => {
  await page.setViewportSize(DESKTOP);
  await typeMessage(page, 'shared');
  const card = cardWith('need a licence now');
  await card.waitFor({ timeout: 60_000 });
  await atBothWidths(card, 'shared');
  await fitsThePhone(card);
  const text = visible(await card.innerText());
  expect(text).toMatch(/need a licence now/);
  expect(await card.getByRole('button', { name: 'Details' }).count()).toBeLessThanOrEqual(5);
});

test('licenses on a phone: what is running out, then each subscription with its free count', async () => {
  await page.setViewportSize(DESKTOP);
  await typeMessage(page, 'licenses');
  const card = cardWith('Licences that may be wasted');
  await card.waitFor({ timeout: 120_000 });
  await atBothWidths(card, 'licenses');
  await fitsThePhone(card);
  const text = visible(await card.innerText());
  expect(text).toMatch(/Free/);
  expect(text).toMatch(/\d+\/\d+/);
});

test('an alert on a phone: what, why, since when, and its buttons', async () => {
  await page.setViewportSize(DESKTOP);
  await typeMessage(page, 'alerts on licence');
  await page
    .getByText(/Alerts are on in this chat/)
    .last()
    .waitFor({ timeout: 60_000 });
  const shared = unlicensedSharedMailbox(demo.tenant);
  const patched = await fetch(`${demo.simulator.controlUrl}/_sim/users/${shared.userPrincipalName}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox: { totalItemSizeBytes: 60_000_000_000 } }),
  });
  expect(patched.ok).toBe(true);
  expect((await demo.bot.services.alerts.runCycle()).ran).toBe(true);
  const card = cardWith(`Shared mailbox ${shared.displayName} needs a licence`);
  await card.waitFor({ timeout: 60_000 });
  await atBothWidths(card, 'alert');
  await fitsThePhone(card);
  expect(await card.getByRole('button', { name: 'Acknowledge' }).count()).toBe(1);
});
