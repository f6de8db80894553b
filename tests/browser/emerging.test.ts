/**
 * Issue 7 in the browser, on the sample city: Emerging Hot Spot Analysis draws pattern cells on
 * the map with their legend, and a click on a cell shows its z-scores over time; the Knox test on
 * the sample's burglaries (filtered first) shows the colour-coded table and the summary in words,
 * and its alert zones go on the map; the prediction comparison shows its table and chart.
 */
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jumpTo,
  launch,
  mapPixelShare,
  openApp,
  screenshot,
  shownCount,
  waitForData,
} from './harness';

/** The planted emerging hot spot of data/sample/truth.json (OSGOOD AVE & 12TH ST). */
const EMERGING_CENTRE: [number, number] = [-88.9354658, 40.0782849];

/** Pattern reds (Consecutive, Persistent, Intensifying) and alert-zone oranges over the basemap. */
const RED = 'r > 170 && g < 150 && b < 120 && r - g > 70';
const ORANGE = 'r > 200 && g > 90 && g < 200 && b < 150 && r - b > 80';

describe('emerging hot spots, near repeats and prediction accuracy', () => {
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

  it('runs emerging hot spots and draws pattern cells with their legend', async () => {
    await page.click('button:has-text("Assess")');
    await page.fill('#eh-cell', '300');
    await page.selectOption('#eh-step', 'month');
    await page.click('button:has-text("Find emerging hot spots")');
    await page.waitForSelector('[data-testid="emerging-summary"]', { timeout: 120_000 });
    const summary = (await page.textContent('[data-testid="emerging-summary"]')) ?? '';
    expect(summary).toMatch(/cells with incidents, followed over 36 steps of one month/);
    expect(summary).toMatch(/Consecutive Hot Spot/);
    const legend = (await page.textContent('[data-testid="legend-emerging"]')) ?? '';
    expect(legend).toMatch(/Emerging hot spots \(90%, 36 × month\)/);
    expect(legend).toMatch(/Persistent Hot Spot \(\d+\)/);
    expect(legend).toMatch(/Diminishing Hot Spot \(\d+\)/);
    expect(legend).toMatch(/No Pattern Detected/);
    // Hide the incident points so that the pixels are the cells'.
    await page.uncheck('[aria-label="Show incidents"]');
    await jumpTo(page, EMERGING_CENTRE, 14, 2500);
    const red = await mapPixelShare(page, RED);
    await screenshot(page, 'emerging-01-patterns');
    expect(red).toBeGreaterThan(0.01);
    // The whole city: the planted hotspots as patches of colour.
    await jumpTo(page, [-88.9, 40.1], 12.3, 2500);
    await screenshot(page, 'emerging-01b-city');
    expect(await mapPixelShare(page, RED)).toBeGreaterThan(0.002);
    await jumpTo(page, EMERGING_CENTRE, 14, 2500);
  });

  it('shows a cell’s z-scores over time when it is clicked', async () => {
    const box = await page.locator('[data-testid="map"]').boundingBox();
    if (!box) throw new Error('no map');
    // The map is centred on the planted emerging hot spot.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="emerging-cell-info"]', { timeout: 30_000 });
    const info = (await page.textContent('[data-testid="emerging-cell-info"]')) ?? '';
    expect(info).toMatch(/(New|Consecutive|Intensifying) Hot Spot/);
    expect(info).toMatch(/τ = 0\.\d\d/);
    expect(await page.locator('[data-testid="z-series-chart"] canvas').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="emerging-cell-info"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'emerging-02-cell-series');
  });

  it('runs the Knox test on the burglaries and shows the colour-coded table', async () => {
    await page.click('button:has-text("Filters")');
    await page.click('[aria-label="Categories"] button:has-text("none")');
    await page
      .locator('[aria-label="Categories"] label', { hasText: 'BURGLARY' })
      .locator('input')
      .check();
    // "none" shows 0, then ticking BURGLARY shows the sample's 2,754 burglaries.
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBeGreaterThan(2500);
    expect(await shownCount(page)).toBeLessThan(3000);
    await page.click('button:has-text("Assess")');
    await page.locator('details:has(#nr-perm) > summary').click();
    await page.fill('#nr-perm', '199');
    await page.click('button:has-text("Test for near repeats")');
    await page.waitForSelector('[data-testid="knox-table"]', { timeout: 120_000 });
    const rows = page.locator('[data-testid="knox-table"] tbody tr');
    expect(await rows.count()).toBe(6); // same location, 4 bands, more than
    expect(await rows.nth(1).locator('th').textContent()).toBe('Up to 100 m');
    // The first week within 100 m: the planted chains make it highly significant.
    expect(await rows.nth(1).locator('td').first().getAttribute('class')).toBe('knox-sig-2');
    const summary = (await page.textContent('[data-testid="knox-summary"]')) ?? '';
    expect(summary).toMatch(/Near-repeat pattern found/);
    expect(summary).toMatch(/Within 100 m of an incident, the risk was raised for up to \d+ days/);
    await page.locator('[data-testid="knox-table"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'emerging-03-knox-table');
  });

  it('draws near-repeat alert zones that fade, with a legend', async () => {
    await page.fill('#nr-lookback', '60');
    await page.click('button:has-text("Draw alert zones")');
    await page.waitForSelector('[data-testid="alert-summary"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="alert-summary"]')).toMatch(/still active/);
    const legend = (await page.textContent('[data-testid="legend-near-repeat-zones"]')) ?? '';
    expect(legend).toMatch(/Near-repeat alert zones \(\d+ m, \d+ days\)/);
    expect(legend).toMatch(/risk period just began/);
    // Hide the emerging cells and look at the whole city.
    await page.click('[data-testid="emerging"] button:has-text("Clear")');
    const bounds = await page.evaluate(() => {
      const m = window.copPlanner?.map;
      m?.jumpTo({ center: [-88.9, 40.1], zoom: 12.3 });
      return true;
    });
    expect(bounds).toBe(true);
    await page.waitForTimeout(2500);
    const orange = await mapPixelShare(page, ORANGE);
    await screenshot(page, 'emerging-04-alert-zones');
    expect(orange).toBeGreaterThan(0.002);
  });

  it('compares the prediction methods in a table and a chart', async () => {
    await page.click('button:has-text("Filters")');
    await page.click('[aria-label="Categories"] button:has-text("all")');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBeGreaterThan(55_000);
    await page.click('button:has-text("Assess")');
    await page.click('button:has-text("Compare methods")');
    await page.waitForSelector('[data-testid="predict-table"]', { timeout: 120_000 });
    const table = (await page.textContent('[data-testid="predict-table"]')) ?? '';
    expect(table).toMatch(/^areaKDEGi\*Last periodEHSA/);
    expect(
      await page.getAttribute('[data-testid="predict-table"] thead th:nth-child(2)', 'title'),
    ).toMatch(/^Kernel density \(KDE\): Cells ranked by kernel density/);
    // Every method beats a random choice of cells at 5% of the area: PAI (in bold) above 1.
    const pai5 = await page
      .locator('[data-testid="predict-table"] tbody tr:nth-child(3) td strong')
      .allTextContents();
    expect(pai5).toHaveLength(4);
    for (const v of pai5) expect(Number(v)).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="predict-table"] tbody tr').count()).toBe(5);
    expect(await page.locator('[data-testid="hit-rate-chart"] canvas').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="hit-rate-chart"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'emerging-05-predict');
  });

  it('logged no errors', () => {
    expect(errors.filter((e) => !/luma\.gl|WebGL|GPU stall|GL Driver/i.test(e))).toEqual([]);
  });
});
