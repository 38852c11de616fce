// An admin schedules the shared-mailbox report in the Agents Playground, sees its next three runs
// and the Cancel button, runs it now with `schedule run 1`, and the report card arrives with the
// schedule's line on top; its Export CSV button works from this conversation.
import type { Page } from 'playwright-core';
import { playgroundForFile, SCREENSHOTS, typeMessage } from '../support/browser';
import { visible } from '../support/tenant-facts';

let page: Page;
playgroundForFile({ ALERT_INTERVAL_MINUTES: '0' }, (s) => ({ page } = s));

const cardWith = (text: string | RegExp) => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();

test('schedule shared weekly, see the next runs, run it now and get the report card', async () => {
  await typeMessage(page, 'schedule shared weekly monday at 08:00 tz Europe/Berlin');
  const scheduled = cardWith('Scheduled · schedule 1');
  await scheduled.waitFor({ timeout: 60_000 });
  const text = visible(await scheduled.innerText());
  expect(text).toMatch(/weekly on Monday at 08:00/);
  expect(text).toMatch(/Europe\/Berlin/);
  expect(text.match(/Mon \d{1,2} \w{3} \d{4}, 08:00/g)).toHaveLength(3);
  expect(await scheduled.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
  await scheduled.screenshot({ path: `${SCREENSHOTS}/e2e-schedule.png` });

  await typeMessage(page, 'schedule run 1');
  await page
    .getByText(/Running schedule 1 now/)
    .last()
    .waitFor({ timeout: 60_000 });
  const report = cardWith(/Schedule 1 · weekly on Monday at 08:00 \(Europe\/Berlin\)/);
  await report.waitFor({ timeout: 90_000 });
  const reportText = visible(await report.innerText());
  expect(reportText).toMatch(/run now by/);
  expect(reportText).toMatch(/need a licence now/);
  await report.getByText(/Schedule 1 ·/).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/e2e-schedule-run.png` });

  // The report's own buttons work here: Export CSV answers from the snapshot made for this run.
  const exportButton = report.getByRole('button', { name: 'Export CSV' });
  await exportButton.scrollIntoViewIfNeeded();
  await exportButton.click();
  await page.getByText('Download CSV', { exact: true }).last().waitFor({ timeout: 30_000 });

  await typeMessage(page, 'schedule list');
  const list = cardWith('Scheduled reports in this chat: 1');
  await list.waitFor({ timeout: 60_000 });
  await list.getByRole('button', { name: 'Cancel 1' }).click();
  await cardWith('Cancelled by').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${SCREENSHOTS}/e2e-schedule-cancelled.png` });
});
