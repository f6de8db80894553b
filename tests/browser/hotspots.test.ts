/**
 * Issue 4 in the browser: one click finds the sample city's planted hot spots, the map shows them in
 * ArcGIS's colours with a legend and a plain-language summary, a cell click lists its incidents, and
 * the export carries every statistic and the methods log.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourAt, launch, openApp, screenshot, waitForData } from './harness';

interface Hotspot {
  id: string;
  kind: string;
  centre: [number, number];
}
const truth = JSON.parse(readFileSync('data/sample/truth.json', 'utf8')) as { hotspots: Hotspot[] };
const nightlife = truth.hotspots.find((h) => h.id === 'nightlife') as Hotspot;

describe('hot spots in the browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    ({ page } = await openApp(browser));
    await waitForData(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds hot spots in one click and says what they are in plain words', async () => {
    await page.click('button:has-text("Assess")');
    await page.click('button:has-text("Find hot spots")');
    await page.waitForSelector('[data-testid="hotspot-summary"]', { timeout: 120_000 });
    const summary = (await page.textContent('[data-testid="hotspot-summary"]')) ?? '';
    expect(summary).toMatch(
      /\d+ cells are hot spots with 95% confidence or more, after correcting for multiple tests; together they are [\d.]+% of the area and hold [\d.]+% of the incidents/,
    );
    expect(await page.textContent('[data-testid="legend-hotspots"]')).toContain(
      'Hot spot – 99% confidence',
    );
    await page.click('[data-testid="methods-log"] summary');
    const log = (await page.textContent('[data-testid="methods-log"]')) ?? '';
    expect(log).toMatch(/transverse Mercator/);
    expect(log).toMatch(/COP Planner \d+\.\d+\.\d+/);
    expect(log).toMatch(/false discovery rate/);
  });

  it('paints the planted night-life hot spot in the 99% colour', async () => {
    await page.click('[aria-label="Show incidents"]');
    await page.evaluate(
      ([lon, lat]) => window.copPlanner?.map.jumpTo({ center: [lon, lat], zoom: 14 }),
      nightlife.centre,
    );
    await page.waitForTimeout(2500);
    const [r, g, b] = await colourAt(page, nightlife.centre[0], nightlife.centre[1]);
    // ArcGIS "Hot spot – 99%" (214, 47, 39) blended over the background at 82% opacity.
    expect(r).toBeGreaterThan(190);
    expect(g).toBeLessThan(110);
    expect(b).toBeLessThan(110);
    await screenshot(page, '10-hotspots-nightlife');
  });

  it('lists the incidents of a clicked cell', async () => {
    const box = await page.locator('[data-testid="map"]').boundingBox();
    const point = await page.evaluate(
      ([x, y]) => window.copPlanner?.map.project([x, y]),
      nightlife.centre,
    );
    if (!box || !point) throw new Error('no map');
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForSelector('[data-testid="cell-info"]', { timeout: 20_000 });
    const info = (await page.textContent('[data-testid="cell-info"]')) ?? '';
    expect(info).toMatch(/\d+ incidents · Hot spot – 9\d% confidence · z = [\d.]+, p = /);
    expect(await page.locator('[data-testid="cell-info"] li').count()).toBeGreaterThan(0);
  });

  it('exports the cells as GeoJSON with every statistic and the methods log', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Export GeoJSON")'),
    ]);
    const text = readFileSync((await download.path()) as string, 'utf8');
    const fc = JSON.parse(text) as {
      features: { properties: Record<string, unknown> }[];
      methods_log: string[];
    };
    expect(fc.features.length).toBeGreaterThan(1000);
    expect(Object.keys(fc.features[0].properties)).toEqual(
      expect.arrayContaining([
        'count',
        'gi_z',
        'gi_p',
        'gi_bin',
        'gi_class',
        'centre_lon',
        'centre_lat',
      ]),
    );
    expect(fc.methods_log.join(' ')).toMatch(/Distance band/);
  });

  it('runs Local Moran’s I from the options and shows HH clusters', async () => {
    await page.click('[data-testid="hotspots"] summary:has-text("Options")');
    await page.selectOption('#hs-method', 'lisa');
    await page.fill('#hs-cell', '200');
    await page.fill('#hs-perm', '99');
    await page.click('[data-testid="hotspots"] button:has-text("Run")');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="hotspot-summary"]')
          ?.textContent?.includes('HH clusters'),
      null,
      { timeout: 120_000 },
    );
    expect(await page.textContent('[data-testid="legend-hotspots"]')).toContain(
      'High-High cluster',
    );
    await page.evaluate(() => window.copPlanner?.map.jumpTo({ center: [-88.9, 40.1], zoom: 12.3 }));
    await page.waitForTimeout(2000);
    await screenshot(page, '11-lisa');
  });
});
