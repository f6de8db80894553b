/**
 * Issue 5 in the browser: kernel density of the sample city as a raster in incidents per km² with
 * the densest-area contours and the summary sentence; the GeoTIFF export; crime concentration with
 * the Lorenz curve and a ranked table whose rows zoom the map; the nearest neighbour index and the
 * ellipses; EB-smoothed rates from a joined population table; robust hot spots outlined.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTemp } from './fixtures';
import {
  colourAt,
  jumpTo,
  launch,
  mapPixelShare,
  openApp,
  screenshot,
  waitForData,
} from './harness';

interface Hotspot {
  id: string;
  kind: string;
  centre: [number, number];
}
const truth = JSON.parse(readFileSync('data/sample/truth.json', 'utf8')) as { hotspots: Hotspot[] };
const byId = (id: string) => truth.hotspots.find((h) => h.id === id) as Hotspot;

/** Starts recording main-thread tasks over 50 ms (the Long Tasks API). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = window as unknown as {
      longTasks: number[];
      longTaskObserver?: PerformanceObserver;
    };
    scope.longTasks = [];
    scope.longTaskObserver?.disconnect();
    scope.longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) scope.longTasks.push(e.duration);
    });
    scope.longTaskObserver.observe({ type: 'longtask', buffered: false });
  });
}

/** Prints the tasks over 50 ms since `watchLongTasks` (software WebGL adds its own). */
async function reportLongTasks(page: Page, what: string): Promise<number[]> {
  const tasks = await page.evaluate(() =>
    (window as unknown as { longTasks: number[] }).longTasks.map(Math.round),
  );
  console.log(`${what}: main-thread tasks over 50 ms: [${tasks.join(', ')}]`);
  return tasks;
}

const mapCentre = (page: Page) =>
  page.evaluate(() => {
    const m = window.copPlanner?.map;
    return m ? { lon: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() } : null;
  });

/** Metres between two lon/lat points (equirectangular, fine at city scale). */
const metres = (a: [number, number], b: [number, number]) =>
  Math.hypot((a[0] - b[0]) * 111_195 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 111_195);

describe('density, concentration, point pattern, rates and robust hot spots in the browser', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    ({ page, errors } = await openApp(browser));
    await waitForData(page);
    await page.click('button:has-text("Assess")');
    await page.click('[aria-label="Show incidents"]');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('maps kernel density in incidents per km² with the summary sentence and a legend', async () => {
    await watchLongTasks(page);
    await page.click('button:has-text("Map density")');
    await page.waitForSelector('[data-testid="density-summary"]', { timeout: 120_000 });
    await page.waitForTimeout(1500);
    await reportLongTasks(page, 'map density (first run: shaders compile)');
    // Again, with the layers' shaders compiled: what remains is this feature's own work.
    await watchLongTasks(page);
    await page.click('button:has-text("Map density")');
    await page.waitForSelector('[data-testid="job-progress"]', { timeout: 10_000 }).catch(() => {});
    await page.waitForSelector('[data-testid="job-progress"]', {
      state: 'detached',
      timeout: 120_000,
    });
    await page.waitForTimeout(1500);
    await reportLongTasks(page, 'map density (second run)');
    const summary = (await page.textContent('[data-testid="density-summary"]')) ?? '';
    expect(summary).toMatch(/The densest 5% of the area holds \d+% of incidents\./);
    expect(summary).toMatch(/Peak density [\d,]+ incidents per km² \([\d,]+ per km² per year/);
    expect(summary).toMatch(/Quartic kernel, search radius \d+ m \(ArcGIS default\)/);
    const legend = (await page.textContent('[data-testid="legend-density"]')) ?? '';
    expect(legend).toContain('Kernel density (incidents/km²)');
    expect(legend).toMatch(/≥ [\d,]+ \(densest 1%\)/);
    expect(legend).toMatch(/densest 5% of area \(holds \d+%\)/);
    expect(await page.locator('[data-testid="density-contours"] tbody tr').count()).toBe(4);
    // The bandwidth box now shows ArcGIS's default as its placeholder.
    await page.click('[data-testid="density"] summary:has-text("Options")');
    expect(await page.getAttribute('#kde-bandwidth', 'placeholder')).toMatch(/^auto: \d+$/);
  });

  it('paints the planted hotspots in the densest class and draws the contours', async () => {
    await jumpTo(page, [-88.9, 40.1], 12.3);
    await page.waitForTimeout(2500);
    await screenshot(page, '20-density-city');
    // YlOrRd's reds and oranges cover part of the city, not all of it.
    const warm = await mapPixelShare(page, 'r > 180 && b < 120 && r - b > 90');
    expect(warm).toBeGreaterThan(0.01);
    expect(warm).toBeLessThan(0.6);
    for (const id of ['nightlife', 'retail', 'narcotics']) {
      const [r, g, b] = await colourAt(page, ...byId(id).centre);
      // (189, 0, 38) at 88% × 85% over the light background.
      expect(r, id).toBeGreaterThan(170);
      expect(g, id).toBeLessThan(90);
      expect(b, id).toBeLessThan(110);
    }
    // Contours are dark lines: hiding them removes dark pixels.
    const dark = 'Math.max(r, g, b) < 80';
    const withContours = await mapPixelShare(page, dark);
    await page.click('[data-testid="density"] label:has-text("contours") input');
    await page.waitForTimeout(1500);
    const without = await mapPixelShare(page, dark);
    expect(withContours).toBeGreaterThan(without + 0.001);
    await page.click('[data-testid="density"] label:has-text("contours") input');
    await page.waitForTimeout(1000);
    await jumpTo(page, byId('nightlife').centre, 14.5);
    await page.waitForTimeout(2500);
    await screenshot(page, '21-density-nightlife');
  });

  it('exports the raster as a GeoTIFF that reads back, and the contours as GeoJSON', async () => {
    const [tif] = await Promise.all([
      page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.tif')),
      page.click('button:has-text("Export GeoTIFF")'),
    ]);
    const buffer = readFileSync((await tif.path()) as string);
    const image = await (
      await fromArrayBuffer(
        buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
      )
    ).getImage();
    expect(image.getWidth()).toBeGreaterThan(100);
    const [contours] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("Contours GeoJSON")'),
    ]);
    const fc = JSON.parse(readFileSync((await contours.path()) as string, 'utf8')) as {
      features: { properties: { percent_of_area: number } }[];
      methods_log: string[];
    };
    expect(fc.features.map((f) => f.properties.percent_of_area)).toEqual([1, 5, 10, 25]);
    expect(fc.methods_log.join(' ')).toMatch(/ArcGIS's default bandwidth/);
  });

  it('compares two periods as a dual kernel density', async () => {
    await page.selectOption('#kde-mode', 'dual');
    expect(await page.inputValue('[aria-label="A to"]')).toBe('2025-12-31');
    await page.click('button:has-text("Compare densities")');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="density-summary"]')
          ?.textContent?.includes('A is at least twice B'),
      null,
      { timeout: 120_000 },
    );
    expect(await page.textContent('[data-testid="legend-density"]')).toContain('A 4× B or more');
    await jumpTo(page, [-88.9, 40.1], 12.3);
    await page.waitForTimeout(2500);
    await screenshot(page, '22-density-dual');
    await page.click('[data-testid="density"] button:has-text("Clear")');
    await page.selectOption('#kde-mode', 'single');
  });

  it('measures concentration with a Lorenz curve, and a table row zooms the map to the place', async () => {
    await page.selectOption('#cc-by', 'address');
    await watchLongTasks(page);
    await page.click('button:has-text("Measure concentration")');
    await page.waitForSelector('[data-testid="concentration-summary"]', { timeout: 120_000 });
    await page.waitForTimeout(1000);
    await reportLongTasks(page, 'concentration');
    const summary = (await page.textContent('[data-testid="concentration-summary"]')) ?? '';
    expect(summary).toMatch(/of blocks or addresses \([\d,]+ of [\d,]+\) hold half of the/);
    expect(summary).toMatch(/Gini 0\.\d\d/);
    expect(await page.locator('[data-testid="lorenz-chart"] canvas').count()).toBe(1);
    const rows = page.locator('[data-testid="concentration-table"] tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await rows.nth(0).textContent()).toMatch(/E 8TH ST/);
    await jumpTo(page, [-88.95, 40.13], 12);
    await rows.nth(2).click();
    await expect
      .poll(async () => (await mapCentre(page))?.zoom ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(15);
    await page.waitForTimeout(1500);
    const c = await mapCentre(page);
    // The top blocks are the planted retail corridor on E 8TH ST.
    expect(metres([c!.lon, c!.lat], byId('retail').centre)).toBeLessThan(700);
    expect(await rows.nth(2).getAttribute('class')).toBe('selected');
    await screenshot(page, '23-concentration-zoomed');
  });

  it('explains the nearest neighbour index and draws the ellipses', async () => {
    await page.selectOption('#pp-area', 'hull');
    await watchLongTasks(page);
    await page.click('button:has-text("Summarise the pattern")');
    await page.waitForSelector('[data-testid="nni-summary"]', { timeout: 120_000 });
    await page.waitForTimeout(1000);
    await reportLongTasks(page, 'point pattern');
    const text = (await page.textContent('[data-testid="nni-summary"]')) ?? '';
    expect(text).toMatch(/On average an incident is \d+ m from its nearest neighbour/);
    expect(text).toMatch(/convex hull of the incidents/);
    expect(text).toMatch(/the pattern is clustered/);
    expect(await page.textContent('[data-testid="legend-point-pattern"]')).toContain(
      'All incidents',
    );
    expect(await page.locator('[data-testid="ellipse-table"] tbody tr').count()).toBe(13);
    await jumpTo(page, [-88.9, 40.1], 12);
    await page.waitForTimeout(2500);
    await screenshot(page, '24-ellipses');
    await page.click('[data-testid="point-pattern"] button:has-text("Clear")');
    await page.click('[data-testid="concentration"] button:has-text("Clear")');
  });

  it('joins a population table to the beats and maps EB-smoothed rates', async () => {
    const beats = JSON.parse(
      readFileSync('data/sample/beats.geojson', 'utf8'),
    ) as FeatureCollection;
    // Every beat but the first, ids without their leading zero, and one id that matches nothing.
    const rows = beats.features
      .slice(1)
      .map((f, i) => `${Number(f.properties?.beat)},${400 + 97 * (i % 23)}`);
    const csv = writeTemp(
      'beat-population.csv',
      `BEAT_NUM,POPULATION\n${rows.join('\n')}\n9999,50\n`,
    );
    await page.selectOption('#rt-boundary', { label: 'Beats' });
    await page.selectOption('#rt-idfield', 'beat');
    await page.setInputFiles('[data-testid="rates-file"]', csv);
    await expect.poll(() => page.inputValue('#rt-valcol')).toBe('POPULATION');
    expect(await page.inputValue('#rt-idcol')).toBe('BEAT_NUM');
    await watchLongTasks(page);
    await page.click('button:has-text("Compute rates")');
    await page.waitForSelector('[data-testid="rates-summary"]', { timeout: 120_000 });
    await page.waitForTimeout(1000);
    await reportLongTasks(page, 'rates');
    const summary = (await page.textContent('[data-testid="rates-summary"]')) ?? '';
    expect(summary).toMatch(/Overall, [\d,.]+ incidents per 1,000 residents over 2023-01-01/);
    expect(summary).toMatch(/1 polygon had no residents figure \(grey on the map\): 0112/);
    expect(summary).toMatch(/1 id in the table matches no polygon: 9999/);
    expect(await page.locator('[data-testid="rates-table"] tbody tr').count()).toBe(56);
    expect(await page.textContent('[data-testid="legend-rates"]')).toContain(
      'Smoothed rate per 1,000 residents',
    );
    await jumpTo(page, [-88.9, 40.1], 12);
    await page.waitForTimeout(2500);
    await screenshot(page, '25-rates');
    await page.click('[data-testid="rates"] button:has-text("Clear")');
  });

  it('outlines the hot spots that survive half and double the cell size', async () => {
    await page.click('[data-testid="hotspots"] summary:has-text("Options")');
    await page.check('#hs-robust');
    await page.click('button:has-text("Find hot spots")');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="hotspot-summary"]')
          ?.textContent?.includes('stay hot at half and at double the cell size'),
      null,
      { timeout: 180_000 },
    );
    const summary = (await page.textContent('[data-testid="hotspot-summary"]')) ?? '';
    const robust = Number(/(\d+) of the hot cells stay hot/.exec(summary)?.[1]);
    expect(robust).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="legend-hotspots"]')).toMatch(
      /Hot at every scale \(\d+, \d+ and \d+ m cells\)/,
    );
    await jumpTo(page, byId('nightlife').centre, 14.5);
    await page.waitForTimeout(2500);
    // The bold black outlines over the red cells.
    expect(await mapPixelShare(page, 'Math.max(r, g, b) < 25')).toBeGreaterThan(0.001);
    await screenshot(page, '26-robust-hotspots');
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
