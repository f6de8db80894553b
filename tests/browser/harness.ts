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
