/**
 * Issue 8 in the browser: draw a polygon zone with mouse clicks (closed by clicking its first
 * point), name it, attach a foot patrol with a goal, reload and find everything as it was; undo and
 * redo; a zone from hot-spot cells after "Find hot spots"; export the plan file, clear the plan,
 * import the file back and compare; a corrupt plan file changes nothing and says why; a stale save
 * from another tab is refused with a warning; zones survive a basemap change.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTemp } from './fixtures';
import { jumpTo, launch, openApp, pixelOf, screenshot, waitForData } from './harness';

/** The nightlife hot spot of the sample city (data/sample/truth.json). */
const CENTRE: [number, number] = [-88.9141923, 40.1072357];

async function showPlan(page: Page): Promise<void> {
  await page.click('nav[aria-label="Phases"] button:has-text("Plan")');
  await page.waitForSelector('[data-testid="plan-panel"]');
  await page.waitForSelector('[data-testid="plan-name"]');
}

/** A click after a short move there, as a person's mouse would (software WebGL is slow: wait). */
async function clickAt(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.move(x, y, { steps: 4 });
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForTimeout(350);
}

async function zoneNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="zone-list"] .zone-name').allTextContents();
}

/** The open plan's document, read from the page's store. */
async function planDocument(
  page: Page,
): Promise<{ zones: unknown[]; strategies: unknown[]; name: string; revision: number }> {
  return page.evaluate(async () => {
    const text = await new Promise<string>((resolve) => {
      const req = indexedDB.open('cop-planner');
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction('plans', 'readonly');
        const all = tx.objectStore('plans').getAll();
        all.onsuccess = () => resolve(JSON.stringify(all.result));
      };
    });
    const plans = JSON.parse(text) as {
      name: string;
      updatedAt: string;
      zones: unknown[];
      strategies: unknown[];
      revision: number;
    }[];
    plans.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return plans[0];
  });
}

describe('the plan: zones, strategies, a document that never loses work', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    ({ page, errors } = await openApp(browser, { context }));
    await waitForData(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws a polygon with mouse clicks, closed by clicking its first point', async () => {
    await showPlan(page);
    await jumpTo(page, CENTRE, 15, 800);
    await page.click('[data-testid="draw-tools"] button:has-text("Polygon")');
    const d = 0.0025;
    const corners: [number, number][] = [
      [CENTRE[0] - d, CENTRE[1] - d * 0.75],
      [CENTRE[0] + d, CENTRE[1] - d * 0.75],
      [CENTRE[0] + d, CENTRE[1] + d * 0.75],
      [CENTRE[0] - d, CENTRE[1] + d * 0.75],
    ];
    for (const [lon, lat] of corners) {
      const [x, y] = await pixelOf(page, lon, lat);
      await clickAt(page, x, y);
    }
    const [fx, fy] = await pixelOf(page, corners[0][0], corners[0][1]);
    await clickAt(page, fx, fy);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="zone-list"] li').length === 1,
      undefined,
      { timeout: 15_000 },
    );
    expect(await zoneNames(page)).toEqual(['Zone 1']);
    await screenshot(page, 'plan-01-drawn');
    const doc = await planDocument(page);
    const ring = (doc.zones[0] as { geometry: { coordinates: number[][][] } }).geometry
      .coordinates[0];
    // Four corners and the closing point: no stray fifth corner.
    expect(ring).toHaveLength(5);
    for (const [lon, lat] of corners)
      expect(ring.some(([x, y]) => Math.abs(x - lon) < 2e-5 && Math.abs(y - lat) < 2e-5)).toBe(
        true,
      );
    await page.click('[data-testid="draw-done"]');
  });

  it('names the zone, attaches a foot patrol with a goal; undo and redo; a reload keeps it all', async () => {
    await page.fill('[data-testid="zone-name"]', 'Market corners');
    await page.fill('[data-testid="zone-description"]', 'Night-time violence around the bars');
    await page.waitForSelector('[data-testid="zone-figures"]', { timeout: 60_000 });
    await page.selectOption('[data-testid="strategy-choice"]', 'foot-patrol');
    await page.click('[data-testid="strategy-add"]');
    await page.waitForSelector('[data-testid="strategy-editor"]');
    // The selected zone is ticked; the beat hours are measured against its hour profile.
    expect(await page.isChecked('[data-testid="strategy-zones"] input')).toBe(true);
    await expect(page.textContent('[data-testid="strategy-beat-coverage"]')).resolves.toMatch(
      /Beats .* hold \d+% of the zone's incidents/,
    );
    const goal =
      'Violent crime in Market corners −20% over 6 months against the same months last year';
    await page.fill('[data-testid="strategy-goal-input"]', goal);
    await page.fill('[data-testid="strategy-owner"]', 'Sector 3 foot team');
    await screenshot(page, 'plan-02-strategy-editor');
    await page.click('[data-testid="strategy-save"]');
    await page.waitForSelector('[data-testid="strategy-row"]');
    expect(await page.textContent('[data-testid="strategy-goal"]')).toContain(goal);

    // Undo removes the strategy, redo brings it back; each step is named.
    expect(await page.textContent('[data-testid="plan-undo"]')).toContain('Attach Foot patrol');
    await page.click('[data-testid="plan-undo"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="strategy-row"]'));
    await page.click('[data-testid="plan-redo"]');
    await page.waitForSelector('[data-testid="strategy-row"]');

    await page.waitForFunction(() =>
      /Saved in this browser · revision/.test(
        document.querySelector('[data-testid="plan-save-status"]')?.textContent ?? '',
      ),
    );
    const before = await planDocument(page);
    expect(before.zones).toHaveLength(1);
    expect(before.strategies).toHaveLength(1);

    await page.reload();
    await waitForData(page);
    await showPlan(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="zone-list"] li').length === 1,
    );
    expect(await zoneNames(page)).toEqual(['Market corners']);
    expect(await page.textContent('[data-testid="strategy-goal"]')).toContain(goal);
    expect(await page.textContent('[data-testid="strategy-list"]')).toContain('Sector 3 foot team');
    await page.click('[data-testid="zone-list"] .zone-name');
    expect(await page.inputValue('[data-testid="zone-description"]')).toBe(
      'Night-time violence around the bars',
    );
    const after = await planDocument(page);
    expect(after).toEqual(before);
    await page.waitForTimeout(1500);
    await screenshot(page, 'plan-03-after-reload');
  });

  it('makes zones from hot-spot cells: all hot cells, and cells picked on the map', async () => {
    await page.click('nav[aria-label="Phases"] button:has-text("Assess")');
    await page.click('[data-testid="hotspots"] button:has-text("Find hot spots")');
    await page.waitForSelector('[data-testid="hotspot-summary"]', { timeout: 120_000 });
    await showPlan(page);
    await page.click('[data-testid="zone-from-hot-cells"]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="zone-list"] li').length === 2,
    );
    await expect(page.textContent('[data-testid="plan-message"]')).resolves.toMatch(
      /made from \d+ cells.*Gi\* hot spot, all incidents, (95%\+|99%)/,
    );
    const doc = await planDocument(page);
    const zone = doc.zones[1] as {
      geometry: { type: string };
      properties: { source: string; createdFrom: string };
    };
    expect(zone.properties.source).toBe('hotspot-cells');
    expect(zone.properties.createdFrom).toMatch(/^Gi\* hot spot, all incidents/);
    await page.waitForTimeout(1500);
    await screenshot(page, 'plan-04-hot-cells-zone');

    // Pick two cells by clicking the map at the night-life hot spot, then make a zone of them.
    await jumpTo(page, CENTRE, 15, 800);
    await page.click('[data-testid="pick-cells"]');
    const [x, y] = await pixelOf(page, CENTRE[0], CENTRE[1]);
    await clickAt(page, x, y);
    await clickAt(page, x + 60, y);
    await page.waitForFunction(() =>
      /Make zone from 2 cells/.test(
        document.querySelector('[data-testid="zone-from-picked"]')?.textContent ?? '',
      ),
    );
    await screenshot(page, 'plan-05-picking-cells');
    await page.click('[data-testid="zone-from-picked"]');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="zone-list"] li').length === 3,
    );
    const picked = (await planDocument(page)).zones[2] as {
      geometry: { type: string; coordinates: number[][][] };
    };
    // Two neighbouring cells merge into one rectangle (or two pieces if they touch only at a corner).
    expect(['Polygon', 'MultiPolygon']).toContain(picked.geometry.type);
  });

  it('exports the plan, clears it, imports the file back: the same zones and strategies', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="plan-export"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.copplan\.json$/);
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as {
      zones: unknown[];
      strategies: unknown[];
      format: string;
    };
    expect(exported.format).toBe('cop-planner-plan');
    expect(exported.zones).toHaveLength(3);

    await page.click('[data-testid="plan-clear"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="zone-list"]'));
    expect((await planDocument(page)).zones).toHaveLength(0);

    await page.setInputFiles('[data-testid="plan-file-input"]', path);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="zone-list"] li').length === 3,
    );
    // The message follows the save to IndexedDB, a moment after the zones show.
    await expect
      .poll(() => page.textContent('[data-testid="plan-message"]'))
      .toMatch(/Imported .*3 zones, 1 strategy/);
    const imported = await planDocument(page);
    expect(imported.zones).toEqual(exported.zones);
    expect(imported.strategies).toEqual(exported.strategies);
    await screenshot(page, 'plan-06-imported');

    // Zones with their strategies as GeoJSON for QGIS and ArcGIS.
    const [gj] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="plan-panel"] button:has-text("Export zones (GeoJSON)")'),
    ]);
    expect(gj.suggestedFilename()).toMatch(/-zones\.geojson$/);
    const fc = JSON.parse(readFileSync(await gj.path(), 'utf8')) as {
      type: string;
      features: { properties: { name: string; strategies: string; goals: string } }[];
    };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(3);
    expect(fc.features[0].properties.name).toBe('Market corners');
    expect(fc.features[0].properties.strategies).toBe('Foot patrol');
    expect(fc.features[0].properties.goals).toContain('−20%');
  });

  it('a corrupt, foreign or too-new plan file changes nothing and says why', async () => {
    const before = await planDocument(page);
    const cases: [string, string, RegExp][] = [
      [
        'cut.copplan.json',
        '{"format": "cop-planner-plan", "version": 1, "zones": [',
        /not valid JSON/,
      ],
      [
        'zones.geojson',
        '{"type": "FeatureCollection", "features": []}',
        /looks like a GeoJSON file/,
      ],
      [
        'future.copplan.json',
        '{"format": "cop-planner-plan", "version": 99}',
        /newer COP Planner \(version 99\)/,
      ],
    ];
    for (const [name, text, message] of cases) {
      await page.setInputFiles('[data-testid="plan-file-input"]', writeTemp(name, text));
      await page.waitForFunction(
        (n) =>
          (document.querySelector('[data-testid="plan-message"]')?.textContent ?? '').includes(n),
        name,
      );
      const shown = await page.textContent('[data-testid="plan-message"]');
      expect(shown).toMatch(message);
      expect(shown).toContain('Nothing was changed');
    }
    await screenshot(page, 'plan-07-corrupt-file');
    expect(await planDocument(page)).toEqual(before);
    expect(await zoneNames(page)).toHaveLength(3);
  });

  it('a save over a newer copy from another tab is refused with a warning, and kept as a copy', async () => {
    // Another tab saved meanwhile: bump the stored revision behind this tab's back (no broadcast).
    await page.evaluate(async () => {
      await new Promise<void>((resolve) => {
        const req = indexedDB.open('cop-planner');
        req.onsuccess = () => {
          const tx = req.result.transaction('plans', 'readwrite');
          const store = tx.objectStore('plans');
          const all = store.getAll();
          all.onsuccess = () => {
            const plans = all.result as { revision: number; updatedAt: string }[];
            plans.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
            store.put({ ...plans[0], revision: plans[0].revision + 5, name: 'Edited elsewhere' });
          };
          tx.oncomplete = () => resolve();
        };
      });
    });
    await page.click('[data-testid="zone-list"] .zone-name');
    await page.fill('[data-testid="zone-name"]', 'Renamed here');
    await page.waitForSelector('[data-testid="plan-conflict"]');
    expect(await page.textContent('[data-testid="plan-conflict"]')).toMatch(
      /changed in another tab or window/,
    );
    await screenshot(page, 'plan-08-conflict');
    await page.click('[data-testid="plan-conflict"] button:has-text("Save mine as a copy")');
    await page.waitForFunction(() => !document.querySelector('[data-testid="plan-conflict"]'));
    // The plan list is read back from IndexedDB once the copy is saved: wait for it.
    const names = () => page.locator('[data-testid="plan-select"] option').allTextContents();
    await expect
      .poll(async () => (await names()).some((n) => n.includes('Edited elsewhere')))
      .toBe(true);
    expect((await names()).some((n) => n.includes('(copy)'))).toBe(true);
    expect(await zoneNames(page)).toContain('Renamed here');
  });

  it('zones and the drawing tools survive a basemap change (map.setStyle)', async () => {
    await jumpTo(page, CENTRE, 14, 800);
    await page.click('[data-testid="draw-tools"] button:has-text("Edit shapes")');
    await page.waitForTimeout(800);
    const restyled = await page.evaluate(async () => {
      const map = window.copPlanner!.map;
      const style = map.getStyle();
      const next = {
        ...style,
        sources: Object.fromEntries(
          Object.entries(style.sources).filter(([id]) => !id.startsWith('td-')),
        ),
        layers: style.layers
          .filter((l) => !l.id.startsWith('td-'))
          .map((l) =>
            l.type === 'background' ? { ...l, paint: { 'background-color': '#e8efe6' } } : l,
          ),
      };
      map.setStyle(next);
      const gone = !map.getSource('td-polygon');
      for (let k = 0; k < 60 && !map.getSource('td-polygon'); k++)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));
      const source = map.getSource('td-polygon') as unknown as
        { getData(): Promise<{ features: unknown[] }> } | undefined;
      const data = source ? await source.getData() : null;
      return { gone, back: Boolean(source), features: data?.features.length ?? 0 };
    });
    expect(restyled.gone).toBe(true);
    expect(restyled.back).toBe(true);
    expect(restyled.features).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(1000);
    await screenshot(page, 'plan-09-after-setstyle');
    await page.click('[data-testid="draw-done"]');
    expect(errors.filter((e) => !/favicon|net::ERR/.test(e))).toEqual([]);
  });
  it('moves a vertex in edit mode; undo puts it back', async () => {
    await jumpTo(page, CENTRE, 15, 800);
    const ringOf = async () =>
      ((await planDocument(page)).zones[0] as { geometry: { coordinates: number[][][] } }).geometry
        .coordinates[0];
    const before = await ringOf();
    await page.click('[data-testid="draw-tools"] button:has-text("Edit shapes")');
    await page.waitForTimeout(600);
    // Select the zone by clicking inside it, then drag its north-east corner 40 px outwards.
    const ne = before.reduce((a, b) => (b[0] + b[1] > a[0] + a[1] ? b : a));
    const [cx, cy] = await pixelOf(page, (before[0][0] + ne[0]) / 2, (before[0][1] + ne[1]) / 2);
    await clickAt(page, cx + 20, cy + 20);
    const [vx, vy] = await pixelOf(page, ne[0], ne[1]);
    await page.mouse.move(vx, vy, { steps: 3 });
    await page.waitForTimeout(300);
    await page.mouse.down();
    await page.mouse.move(vx + 20, vy - 20, { steps: 4 });
    await page.waitForTimeout(200);
    await page.mouse.move(vx + 40, vy - 40, { steps: 4 });
    await page.waitForTimeout(300);
    await page.mouse.up();
    await page.waitForFunction(() =>
      /Move a vertex of zone/.test(
        document.querySelector('[data-testid="plan-undo"]')?.textContent ?? '',
      ),
    );
    const moved = await ringOf();
    expect(moved).not.toEqual(before);
    await screenshot(page, 'plan-10-vertex-moved');
    await page.click('[data-testid="plan-undo"]');
    await page.waitForFunction(async (ring) => {
      const now = await new Promise<string>((resolve) => {
        const req = indexedDB.open('cop-planner');
        req.onsuccess = () => {
          const all = req.result.transaction('plans').objectStore('plans').getAll();
          all.onsuccess = () => resolve(JSON.stringify(all.result));
        };
      });
      return now.includes(JSON.stringify(ring));
    }, before);
    await page.click('[data-testid="draw-done"]');
  });

  it('draws a circle, shows its radius while drawing, and takes a typed radius', async () => {
    const east: [number, number] = [CENTRE[0] + 0.012, CENTRE[1]];
    await jumpTo(page, east, 15, 800);
    await page.click('[data-testid="draw-tools"] button:has-text("Circle")');
    const [x, y] = await pixelOf(page, east[0], east[1]);
    await clickAt(page, x, y);
    await page.mouse.move(x + 40, y, { steps: 4 });
    await page.waitForTimeout(200);
    await page.mouse.move(x + 80, y, { steps: 4 });
    await page.waitForSelector('[data-testid="draw-radius"]');
    expect(await page.textContent('[data-testid="draw-radius"]')).toMatch(/Radius: \d+ m/);
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForFunction(() =>
      /Draw zone '.*' \(circle of \d+ m\)/.test(
        document.querySelector('[data-testid="plan-undo"]')?.getAttribute('title') ?? '',
      ),
    );
    await page.click('[data-testid="draw-done"]');
    await page.waitForSelector('[data-testid="zone-radius"]');
    await page.fill('[data-testid="zone-radius"]', '300');
    await page.press('[data-testid="zone-radius"]', 'Enter');
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="zone-radius"]') as HTMLInputElement | null)
          ?.value === '300',
    );
    await page.waitForTimeout(1000);
    await screenshot(page, 'plan-11-circle');
  });

  it('draws a rectangle and a freehand shape; makes a zone from a beat and buffers it', async () => {
    const south: [number, number] = [CENTRE[0], CENTRE[1] - 0.01];
    await jumpTo(page, south, 15, 800);
    const count = async () => (await zoneNames(page)).length;
    const start = await count();
    await page.click('[data-testid="draw-tools"] button:has-text("Rectangle")');
    const [x, y] = await pixelOf(page, south[0], south[1]);
    await clickAt(page, x - 120, y - 80);
    await page.mouse.move(x - 40, y - 20, { steps: 4 });
    await clickAt(page, x, y);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="zone-list"] li').length === n + 1,
      start,
    );
    await page.click('[data-testid="draw-tools"] button:has-text("Freehand")');
    await clickAt(page, x + 60, y);
    for (const [dx, dy] of [
      [120, 10],
      [160, 60],
      [130, 120],
      [80, 110],
      [50, 60],
    ])
      await page.mouse.move(x + dx, y + dy, { steps: 3 });
    await clickAt(page, x + 55, y + 20);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="zone-list"] li').length === n + 2,
      start,
    );
    await page.waitForTimeout(800);
    await screenshot(page, 'plan-11b-rectangle-freehand');
    await page.click('[data-testid="draw-done"]');

    await page.selectOption('[data-testid="zone-boundary-features"]', { index: 0 });
    await page.click('[data-testid="zone-from-boundary"]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="zone-list"] li').length === n + 3,
      start,
    );
    expect((await zoneNames(page)).at(-1)).toMatch(/^Beat \d+/);
    const beat = (await planDocument(page)).zones.at(-1) as { properties: { source: string } };
    expect(beat.properties.source).toBe('beats');
    await page.fill('#zone-buffer', '100');
    await page.click('[data-testid="zone-buffer-button"]');
    await page.waitForFunction(() =>
      /Buffer zone 'Beat \d+' by 100 m/.test(
        document.querySelector('[data-testid="plan-undo"]')?.getAttribute('title') ?? '',
      ),
    );
  });

  it('makes a zone from a kernel density contour: its area and incidents match the contour table', async () => {
    await page.click('nav[aria-label="Phases"] button:has-text("Assess")');
    await page.click('[data-testid="density"] button:has-text("Map density")');
    await page.waitForSelector('[data-testid="density-summary"]', { timeout: 120_000 });
    // The 5% row of the contour table: area in km² and incidents inside.
    const row = await page
      .locator('[data-testid="density-contours"] tbody tr', { hasText: '5% of area' })
      .first()
      .locator('td')
      .allTextContents();
    const contourKm2 = Number(row[1]);
    const contourIncidents = Number(row[2].replace(/,/g, ''));
    expect(contourKm2).toBeGreaterThan(0);
    await showPlan(page);
    const start = (await zoneNames(page)).length;
    await page.click('[data-testid="zone-from-contours"] button:has-text("Densest 5%")');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="zone-list"] li').length === n + 1,
      start,
    );
    const zone = (await planDocument(page)).zones.at(-1) as {
      properties: { source: string; createdFrom: string };
    };
    expect(zone.properties.source).toBe('kde-contour');
    expect(zone.properties.createdFrom).toMatch(/^Kernel density \(quartic, \d+ m\): densest 5% /);
    await page.waitForSelector('[data-testid="zone-figures"]', { timeout: 60_000 });
    const figures = (await page.textContent('[data-testid="zone-figures"]')) ?? '';
    const km2 = Number(/Area([\d.]+) km²/.exec(figures)?.[1]);
    const incidents = Number(
      /^([\d,]+)/
        .exec((await page.textContent('[data-testid="zone-incidents"]')) ?? '')?.[1]
        .replace(/,/g, ''),
    );
    // The contour is traced between cell centres (marching squares), the table counts whole cells:
    // the two agree to a few percent, not exactly.
    expect(Math.abs(km2 - contourKm2) / contourKm2).toBeLessThan(0.1);
    expect(Math.abs(incidents - contourIncidents) / contourIncidents).toBeLessThan(0.1);
    await screenshot(page, 'plan-11c-density-contour-zone');
  });

  it('suggests patrol zones with coverage curves, and accepts them into the plan', async () => {
    const zonesBefore = (await zoneNames(page)).length;
    await page.click('[data-testid="patrol-zones"] summary');
    await page.fill('#pz-k', '4');
    await page.fill('#pz-size', '250');
    await page.click('[data-testid="pz-run"]');
    await page.waitForSelector('[data-testid="pz-summary"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="pz-summary"]')).toMatch(
      /4 zones of radius 250 m cover [\d,]+ of [\d,]+ incidents/,
    );
    expect(await page.locator('[data-testid="pz-chart-k"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="pz-chart-area"] canvas').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.copPlanner!.map.jumpTo({ center: [-88.9, 40.1], zoom: 12.3 }));
    await page.waitForTimeout(1500);
    await page.locator('[data-testid="pz-chart-k"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'plan-12-suggested-zones');
    await page.click('[data-testid="pz-accept-all"]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="zone-list"] li').length === n + 4,
      zonesBefore,
    );
  });

  it('counts a strategy baseline from the data', async () => {
    await page.click('[data-testid="strategy-row"] button:has-text("Edit")');
    await page.waitForSelector('[data-testid="strategy-editor"]');
    await page.click(
      '[data-testid="strategy-editor"] button:has-text("Use the latest data instead")',
    );
    await page.click('[data-testid="strategy-baseline-count"]');
    await page.waitForFunction(() =>
      /^[\d,]+ \(2025-/.test(
        document.querySelector('[data-testid="strategy-baseline"]')?.textContent ?? '',
      ),
    );
    const value = Number(
      ((await page.textContent('[data-testid="strategy-baseline"]')) ?? '')
        .split(' ')[0]
        .replaceAll(',', ''),
    );
    expect(value).toBeGreaterThan(50);
    await page.click('[data-testid="strategy-save"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="strategy-editor"]'));
    expect(await page.textContent('[data-testid="strategy-list"]')).toMatch(
      /Baseline: [\d,]+ \(2025-/,
    );
    expect(errors.filter((e) => !/favicon|net::ERR/.test(e))).toEqual([]);
  });
  it('another tab sees a saved change at once (BroadcastChannel) and reloads the plan it has not changed', async () => {
    const other = await context.newPage();
    await other.goto(page.url());
    await waitForData(other);
    await showPlan(other);
    await other.waitForFunction(
      () => document.querySelectorAll('[data-testid="zone-list"] li').length > 0,
    );
    expect(await other.inputValue('[data-testid="plan-name"]')).toBe(
      await page.inputValue('[data-testid="plan-name"]'),
    );
    await page.fill('[data-testid="plan-name"]', 'Summer plan');
    await other.waitForFunction(
      () =>
        (document.querySelector('[data-testid="plan-name"]') as HTMLInputElement | null)?.value ===
        'Summer plan',
      undefined,
      { timeout: 15_000 },
    );
    expect(await other.textContent('[data-testid="plan-message"]')).toContain(
      'updated from another tab',
    );
    expect(await other.$('[data-testid="plan-conflict"]')).toBeNull();
    await other.close();
  });

  it('a damaged stored plan is reported, kept unchanged, and the other plans still open', async () => {
    const damaged = {
      id: 'damaged-plan',
      format: 'cop-planner-plan',
      version: 1,
      name: 'Half-written plan',
      zones: 'not a list',
    };
    await page.evaluate(async (record) => {
      await new Promise<void>((resolve) => {
        const req = indexedDB.open('cop-planner');
        req.onsuccess = () => {
          const tx = req.result.transaction('plans', 'readwrite');
          const store = tx.objectStore('plans');
          const all = store.getAll();
          all.onsuccess = () => {
            const datasetId = (all.result[0] as { datasetId: string }).datasetId;
            store.put({ ...record, datasetId });
          };
          tx.oncomplete = () => resolve();
        };
      });
    }, damaged);
    await page.reload();
    await waitForData(page);
    await showPlan(page);
    await page.waitForSelector('[data-testid="plan-damaged"]');
    const text = (await page.textContent('[data-testid="plan-damaged"]')) ?? '';
    expect(text).toContain('Half-written plan');
    expect(text).toMatch(/zones: expected a list/);
    expect(await page.inputValue('[data-testid="plan-name"]')).toBe('Summer plan');
    await screenshot(page, 'plan-13-damaged-stored');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="plan-damaged"] button:has-text("Download a copy")'),
    ]);
    const copy = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      zones: string;
      name: string;
    };
    expect(copy.zones).toBe('not a list');
    expect(copy.name).toBe('Half-written plan');
  });
});
