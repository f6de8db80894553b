/**
 * Headless Chromium for the browser tests: Debian's /usr/bin/chromium through playwright-core,
 * WebGL2 on Mesa's llvmpipe through ANGLE's EGL backend (never --disable-gpu: that forces the
 * much slower SwiftShader). Screenshots go to tests/browser/screenshots/ to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'tests/browser/screenshots';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function openApp(
  browser: Browser,
  options: { context?: BrowserContext } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context =
    options.context ?? (await browser.newContext({ viewport: { width: 1400, height: 900 } }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(baseUrl());
  return { context, page, errors };
}

/** Waits until the map shows a data set with a count (the app finished loading). */
export async function waitForData(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.waitForSelector('[data-testid="shown-count"]', { timeout: timeoutMs });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** The number shown in the "N of M incidents shown" line. */
export async function shownCount(page: Page): Promise<number> {
  const text = (await page.textContent('[data-testid="shown-count"]')) ?? '';
  const m = /([\d,]+) of/.exec(text);
  return m ? Number(m[1].replaceAll(',', '')) : NaN;
}

/** Moves the map at once (no animation; software WebGL draws a few frames a second), then waits. */
export async function jumpTo(
  page: Page,
  centre: [number, number],
  zoom: number,
  settleMs = 0,
): Promise<void> {
  await page.evaluate(
    ([lon, lat, z]) => window.copPlanner?.map.jumpTo({ center: [lon, lat], zoom: z }),
    [centre[0], centre[1], zoom] as const,
  );
  if (settleMs > 0) await page.waitForTimeout(settleMs);
}

/** Page pixel of a lon/lat on the map. */
export async function pixelOf(page: Page, lon: number, lat: number): Promise<[number, number]> {
  const box = await page.locator('[data-testid="map"]').boundingBox();
  const p = await page.evaluate(([x, y]) => window.copPlanner?.map.project([x, y]), [
    lon,
    lat,
  ] as const);
  if (!box || !p) throw new Error('no map');
  return [box.x + p.x, box.y + p.y];
}

/**
 * Share of the map's pixels passing a test on r, g, b (a JavaScript expression such as
 * `'r > 180 && b < 120'`, evaluated in the page, which decodes the screenshot: moving a million
 * pixels out of the page is slow).
 */
export async function mapPixelShare(page: Page, test: string): Promise<number> {
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('no map');
  const png = await page.screenshot({ clip: box });
  return page.evaluate(
    async ([b64, expression]) => {
      const pass = new Function('r', 'g', 'b', `return ${expression};`) as (
        r: number,
        g: number,
        b: number,
      ) => boolean;
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, img.width, img.height);
      let hits = 0;
      for (let i = 0; i < data.length; i += 4) if (pass(data[i], data[i + 1], data[i + 2])) hits++;
      return hits / (data.length / 4);
    },
    [png.toString('base64'), test] as const,
  );
}

/** RGB of the map at a lon/lat. */
export async function colourAt(
  page: Page,
  lon: number,
  lat: number,
): Promise<[number, number, number]> {
  const [x, y] = await pixelOf(page, lon, lat);
  const png = await page.screenshot({ clip: { x: x - 2, y: y - 2, width: 5, height: 5 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(2, 2, 1, 1).data;
    return [d[0], d[1], d[2]] as [number, number, number];
  }, png.toString('base64'));
}
