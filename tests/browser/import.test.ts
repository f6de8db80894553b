/**
 * Issue 2 and 3 in the browser: the app opens on the sample city with coloured points on the map;
 * files import through the file chooser with progress; filters lower the count to what the CSV
 * says; a reload restores everything without parsing; bad files change nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCsv, fixtureRows, writeTemp } from './fixtures';
import { launch, mapPixelShare, openApp, screenshot, shownCount, waitForData } from './harness';

/** Saturated colours (the points), not the grey basemap. */
const SATURATED = 'Math.max(r, g, b) - Math.min(r, g, b) > 60';

async function importFile(page: Page, path: string): Promise<void> {
  await page.click('button:has-text("Data")');
  await page.setInputFiles('[data-testid="file-input"]', path);
}

describe('import and the incident map', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    ({ page, errors } = await openApp(browser));
    await waitForData(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens on the sample city, says so, and draws coloured points', async () => {
    await expect(page.textContent('[data-testid="dataset-title"]')).resolves.toContain(
      'Sample city',
    );
    await expect(page.textContent('.sample-banner')).resolves.toContain('generated sample city');
    const count = await shownCount(page);
    // data/sample/truth.json: 60,000 rows, 659 rejected by the rules the report lists.
    expect(count).toBeGreaterThan(55_000);
    await page.waitForTimeout(1500);
    const share = await mapPixelShare(page, SATURATED);
    await screenshot(page, '01-sample-city');
    expect(share).toBeGreaterThan(0.02);
    expect(await page.textContent('[data-testid="legend"]')).toContain('THEFT');
  });

  it('imports a CSV through the file chooser, with progress and the report', async () => {
    const rows = fixtureRows(150_000, 7);
    const path = writeTemp('fixture-150k.csv', fixtureCsv(rows));
    await importFile(page, path);
    await page.waitForSelector('[data-testid="import-progress"]', { timeout: 30_000 });
    const progressText = await page.textContent('[data-testid="import-progress"]');
    expect(progressText).toMatch(/[\d,]+ rows · [\d.]+ (B|KB|MB) of 2\d\.\d MB · \d+%/);
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="dataset-title"]')
          ?.textContent?.includes('fixture-150k.csv'),
      null,
      { timeout: 90_000 },
    );
    await waitForData(page);
    expect(await shownCount(page)).toBe(150_000);
    expect(await page.textContent('[data-testid="rows-imported"]')).toBe('150,000');
    expect(await page.textContent('[data-testid="rows-rejected"]')).toContain('0');
    await screenshot(page, '02-imported-fixture');
  });

  it('lowers the count with a category filter and an hour filter, to the numbers in the CSV', async () => {
    const rows = fixtureRows(150_000, 7);
    await page.click('button:has-text("Filters")');
    // Category: untick THEFT.
    await page
      .locator('[aria-label="Categories"] label', { hasText: 'THEFT' })
      .locator('input')
      .click();
    const withoutTheft = rows.filter((r) => r.type !== 'THEFT').length;
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(withoutTheft);
    // Hour: untick 00:00 and 13:00.
    await page.click('button[aria-label="00:00"]');
    await page.click('button[aria-label="13:00"]');
    const expected = rows.filter((r) => r.type !== 'THEFT' && r.hour !== 0 && r.hour !== 13).length;
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(expected);
    expect(
      Number((await page.textContent('[data-testid="filter-count"]'))?.replaceAll(',', '')),
    ).toBe(expected);
    await screenshot(page, '03-filtered');
  });

  it('restores the data set and filters after a reload, without importing again', async () => {
    const rows = fixtureRows(150_000, 7);
    const expected = rows.filter((r) => r.type !== 'THEFT' && r.hour !== 0 && r.hour !== 13).length;
    await page.waitForTimeout(800); // the view is saved 300 ms after the last change
    await page.reload();
    await waitForData(page);
    await expect(page.textContent('[data-testid="dataset-title"]')).resolves.toContain(
      'fixture-150k.csv',
    );
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(expected);
    // No import ran: the import progress never appeared and no "Imported" message was shown.
    expect(await page.locator('[data-testid="import-progress"]').count()).toBe(0);
    expect(await page.locator('[data-testid="message"]').count()).toBe(0);
    await page.click('button:has-text("Filters")');
    expect(await page.getAttribute('button[aria-label="13:00"]', 'aria-pressed')).toBe('false');
    await screenshot(page, '04-restored');
  });

  it('refuses a malformed file with a message and keeps the data set', async () => {
    const before = await shownCount(page);
    await importFile(
      page,
      writeTemp('not-a-csv.csv', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 0, 9])),
    );
    await page.waitForSelector('[data-testid="message"]');
    expect(await page.textContent('[data-testid="message"]')).toMatch(
      /not a text CSV file.*unchanged/s,
    );
    expect(await shownCount(page)).toBe(before);
    await importFile(page, writeTemp('empty.csv', ''));
    await expect
      .poll(() => page.textContent('[data-testid="message"]'))
      .toMatch(/empty.*unchanged/s);
    expect(await shownCount(page)).toBe(before);
    await screenshot(page, '05-malformed');
  });

  it('cancels a running import and keeps the data set', async () => {
    const before = await shownCount(page);
    const path = writeTemp('big.csv', fixtureCsv(fixtureRows(400_000, 9)));
    await importFile(page, path);
    await page.waitForSelector('[data-testid="import-progress"]', { timeout: 30_000 });
    await page.click('[data-testid="import-progress"] button:has-text("Cancel")');
    await expect
      .poll(() => page.textContent('[data-testid="message"]'))
      .toContain('Import cancelled');
    expect(await shownCount(page)).toBe(before);
  });

  it('logged no errors', () => {
    expect(errors.filter((e) => !/luma\.gl|WebGL|GPU stall|GL Driver/i.test(e))).toEqual([]);
  });
});
