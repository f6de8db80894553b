/**
 * Issue 6 in the browser: the time panel under the map shows the sample city's series with the
 * trend test in words; brushing the chart sets the date filter (the map's count then equals the
 * brushed periods' counts from the series CSV export); clicking the day × hour table sets the day
 * and hour filters (the count equals the cell, start-times mode); the player moves the window on;
 * CompStat shows the change table; exports carry the methods log.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openApp, screenshot, SCREENSHOTS, shownCount, waitForData } from './harness';

const POLICE_UK = '../shared/data/policeuk_city_of_london_2017';

async function download(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; body: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await event.path();
  return { name: event.suggestedFilename(), body: readFileSync(path) };
}

async function windowLabel(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="time-window-label"]')) ?? '';
}

describe('time panel: trends, day × hour, CompStat, player', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let total: number;
  /** Monthly counts of every incident from the series CSV, by period start (YYYY-MM-DD). */
  const monthly = new Map<string, number>();

  beforeAll(async () => {
    browser = await launch();
    ({ page, errors } = await openApp(browser));
    await waitForData(page);
    total = await shownCount(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the series under the map with the trend test in words', async () => {
    await page.waitForSelector('[data-testid="time-series-chart"] canvas', { timeout: 60_000 });
    await expect
      .poll(() => page.textContent('[data-testid="trend-sentence"]'), { timeout: 30_000 })
      .toMatch(/^All selected incidents(: no significant trend \(p = 0\.\d\d\)| (rose|fell) )/);
    // The changing categories list has the planted rising type first among categories, with ↑.
    const changes = (await page.textContent('[data-testid="trend-changes"]')) ?? '';
    expect(changes).toMatch(/MOTOR VEHICLE THEFT\s*↑/);
    expect(await page.textContent('[data-testid="trend-summary"]')).toMatch(
      /Complete through 2025-12-31/,
    );
    // The map keeps most of the screen.
    const map = await page.locator('[data-testid="map"]').boundingBox();
    const dock = await page.locator('[data-testid="time-dock"]').boundingBox();
    expect(map && dock && map.height > dock.height).toBe(true);
    await screenshot(page, 'time-01-series');
  });

  it('exports the series as CSV with the methods log, and the chart as PNG', async () => {
    const csv = await download(page, () => page.click('[data-testid="trend-csv"]'));
    expect(csv.name).toMatch(/series-by-month\.csv$/);
    const text = csv.body.toString('utf8');
    expect(text).toMatch(/^# COP Planner/);
    expect(text).toMatch(/# .*Mann-Kendall/);
    const rows = text.split('\n').filter((l) => /^\d{4}-\d\d-\d\d,/.test(l));
    expect(rows.length).toBe(36);
    for (const row of rows) {
      const [start, , count] = row.split(',');
      monthly.set(start, Number(count));
    }
    expect([...monthly.values()].reduce((a, b) => a + b, 0)).toBe(total);
    const png = await download(page, () => page.click('[data-testid="trend-png"]'));
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.body.length).toBeGreaterThan(10_000);
    // Kept beside the screenshots, to be looked at: the chart with its log drawn under it.
    writeFileSync(`${SCREENSHOTS}/time-export-series.png`, png.body);
  });

  it('sets the date filter by brushing the chart; the count is the brushed months’ total', async () => {
    const over = page.locator('[data-testid="time-series-chart"] .u-over');
    const box = await over.boundingBox();
    if (!box) throw new Error('no chart');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.38, y, { steps: 4 });
    await page.mouse.move(box.x + box.width * 0.45, y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => windowLabel(page), { timeout: 20_000 }).toMatch(/^\d{4}-\d\d-01 – /);
    const [from, to] = (await windowLabel(page)).split(' – ');
    let expected = 0;
    for (const [start, count] of monthly) if (start >= from && start <= to) expected += count;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(total);
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(expected);
    // The series ignores the date filter: it still has all 36 months (the sentence is unchanged).
    expect(await page.textContent('[data-testid="trend-sentence"]')).toMatch(/^All selected/);
    await screenshot(page, 'time-02-brushed');
  });

  it('describes one category on request: the rising MOTOR VEHICLE THEFT', async () => {
    await page.selectOption('[data-testid="trend-focus"]', 'category:MOTOR VEHICLE THEFT');
    await expect
      .poll(() => page.textContent('[data-testid="trend-sentence"]'), { timeout: 30_000 })
      .toMatch(/^motor vehicle theft rose [\d.]+ a month, p < 0\.001$/);
    await screenshot(page, 'time-03-category');
    await page.selectOption('[data-testid="trend-focus"]', 'all');
    await page.click('.time-player button[aria-label="all dates"]');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(total);
  });

  it('sets the day and hour filters from the day × hour table (start times: exact counts)', async () => {
    await page.click('button[role="tab"]:has-text("Day × hour")');
    await page.waitForSelector('[data-testid="dayhour-table"]', { timeout: 30_000 });
    await page.check('[data-testid="dayhour-start-times"]');
    // Saturday (day 5) 22:00.
    const cell = '[data-testid="dayhour-cell-5-22"]';
    await expect
      .poll(async () => Number(await page.getAttribute(cell, 'data-value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const value = Number(await page.getAttribute(cell, 'data-value'));
    expect(Number.isInteger(value)).toBe(true);
    expect(await page.textContent('[data-testid="dayhour-flags"]')).toMatch(
      /\d+ at exactly 00:00, of which \d+ on the 1st of a month/,
    );
    const png = await download(page, () => page.click('.dayhour-side button:has-text("PNG")'));
    expect(png.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(`${SCREENSHOTS}/time-export-dayhour.png`, png.body);
    await page.click(cell);
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(value);
    await expect.poll(() => page.getAttribute(cell, 'class')).toBe('chosen');
    await screenshot(page, 'time-04-dayhour-cell');
    // A whole day (row header): the count is the row's total.
    const row = await page.$$eval('[data-testid^="dayhour-cell-4-"]', (cells) =>
      cells.reduce((s, c) => s + Number(c.getAttribute('data-value')), 0),
    );
    await page.click('[data-testid="dayhour-day-4"]');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(row);
    await page.click('[data-testid="dayhour-table"] button:has-text("all")');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(total);
  });

  it('plays the map through time: the window moves on and the count follows', async () => {
    await page.click('[data-testid="time-play"]');
    // From the data's first day, 28 days wide, a week a step.
    await expect.poll(() => windowLabel(page), { timeout: 20_000 }).toMatch(/^2023-0[12]-\d\d – /);
    const first = await windowLabel(page);
    await expect.poll(() => windowLabel(page), { timeout: 20_000 }).not.toBe(first);
    const [from, to] = (await windowLabel(page)).split(' – ');
    expect((Date.parse(to) - Date.parse(from)) / 86_400_000).toBe(27);
    await screenshot(page, 'time-05-playing');
    await page.click('[data-testid="time-play"]'); // pause
    const label = await windowLabel(page);
    const shown = await shownCount(page);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total / 20);
    await page.waitForTimeout(1500);
    expect(await windowLabel(page)).toBe(label); // paused
    await page.click('.time-player button[aria-label="all dates"]');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(total);
  });

  it('shows the CompStat table with every category and group, and exports it', async () => {
    await page.click('button[role="tab"]:has-text("CompStat")');
    await page.waitForSelector('[data-testid="compstat-table"]', { timeout: 30_000 });
    const text = (await page.textContent('[data-testid="compstat-table"]')) ?? '';
    expect(text).toMatch(/All selected incidents/);
    expect(text).toMatch(/property offences/);
    expect(text).toMatch(/MOTOR VEHICLE THEFT/);
    expect(await page.locator('[data-testid="compstat-table"] td.sig').count()).toBeGreaterThan(0);
    await page.click('.compstat-tab button:has-text("365 days")');
    await expect
      .poll(() => page.textContent('[data-testid="compstat-table"]'))
      .toMatch(/Last 365 days/);
    // One district (a boundary polygon) as the area: fewer incidents, named in the header.
    const everywhere = await page.textContent('[data-testid="compstat-table"] tr.total td');
    await page.selectOption('[data-testid="compstat-area"]', 'sample-districts::0');
    await expect
      .poll(() => page.textContent('[data-testid="compstat-area-note"]'), { timeout: 30_000 })
      .toMatch(/Districts \S+: [\d,]+ incidents/);
    const inside = await page.textContent('[data-testid="compstat-table"] tr.total td');
    expect(Number(inside?.replaceAll(',', ''))).toBeLessThan(
      Number(everywhere?.replaceAll(',', '')),
    );
    await screenshot(page, 'time-06-compstat');
    await page.selectOption('[data-testid="compstat-area"]', '');
    const csv = await download(page, () => page.click('.compstat-tab button:has-text("CSV")'));
    const body = csv.body.toString('utf8');
    expect(body).toMatch(/^# COP Planner/);
    expect(body).toMatch(/poisson\.test/);
    expect(body).toMatch(/\n28 days,category,MOTOR VEHICLE THEFT,\d+,/);
  });

  it('collapses to a bar so the map gets the screen back', async () => {
    const before = (await page.locator('[data-testid="map"]').boundingBox())?.height ?? 0;
    await page.click('[data-testid="time-toggle"]');
    await expect
      .poll(async () => (await page.locator('[data-testid="map"]').boundingBox())?.height ?? 0)
      .toBeGreaterThan(before + 150);
    expect(await page.locator('[data-testid="time-play"]').count()).toBe(1);
    await screenshot(page, 'time-07-collapsed');
    await page.click('[data-testid="time-toggle"]');
  });

  it.skipIf(!existsSync(POLICE_UK))(
    'on police.uk month-only data: missing months hatched, day × hour declined with the reason (needs ../shared/data)',
    async () => {
      const files = readdirSync(POLICE_UK)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => join(POLICE_UK, f));
      await page.click('button:has-text("Data")');
      await page.setInputFiles('[data-testid="file-input"]', files);
      await page.waitForFunction(
        () =>
          /city-of-london/.test(
            document.querySelector('[data-testid="dataset-title"]')?.textContent ?? '',
          ),
        null,
        { timeout: 90_000 },
      );
      await waitForData(page);
      await page.click('button[role="tab"]:has-text("Trend")');
      await expect
        .poll(() => page.textContent('[data-testid="trend-summary"]'), { timeout: 30_000 })
        .toMatch(/missing \(gaps in the extract, not zeros\): 2017-10, 2017-11/);
      expect(await page.locator('[data-testid="trend-by"] option[value="week"]').isDisabled()).toBe(
        true,
      );
      await screenshot(page, 'time-08-policeuk-trend');
      await page.click('button[role="tab"]:has-text("Day × hour")');
      await expect
        .poll(() => page.textContent('[data-testid="dayhour-declined"]'), { timeout: 30_000 })
        .toMatch(/months only/);
      await page.click('button[role="tab"]:has-text("CompStat")');
      await page.click('.compstat-tab button:has-text("7 days")');
      await expect
        .poll(() => page.textContent('[data-testid="compstat-declined"]'), { timeout: 30_000 })
        .toMatch(/months only/);
      await page.click('.compstat-tab button:has-text("1 month")');
      await expect
        .poll(() => page.textContent('.compstat-wrap'), { timeout: 30_000 })
        .toMatch(/no records at all in 2017-11: a gap in the extract/);
      await screenshot(page, 'time-09-policeuk-compstat');
    },
  );

  it('logged no errors', () => {
    expect(errors.filter((e) => !/luma\.gl|WebGL|GPU stall|GL Driver/i.test(e))).toEqual([]);
  });
});
