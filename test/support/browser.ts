// Debian's chromium driven by playwright-core, as an admin's browser on the Agents Playground.
import { chromium, Browser, Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SCREENSHOTS = path.resolve(__dirname, '../../test-results');

export async function openBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error("Debian's chromium is not installed: apt-get install chromium (.ci/run does it)");
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Types a message in the playground's compose box and sends it. */
export async function typeMessage(page: Page, text: string): Promise<void> {
  const box = page.locator('[role="textbox"][contenteditable="true"]').first();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
