/**
 * The main thread while the built app (headless Chromium) imports a generated 1,000,000-row
 * Chicago file, builds the map layer and changes filters: long tasks (PerformanceObserver, tasks
 * over 50 ms) and, from a CPU profile, where main-thread time went — page script (ours, React,
 * deck.gl, MapLibre), garbage collection, and waits on the GPU process. On this machine WebGL is
 * Mesa's llvmpipe (software): a call that must sync with the GPU process (resizing a canvas,
 * reading a link status) waits for the CPU to finish drawing every point, which real GPUs do in
 * microseconds; those waits are reported apart. Needs `npx vite build` and /usr/bin/chromium.
 * Run alone: `npx tsx bench/run.ts mainThread`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { writeIncidentsCsv } from '../scripts/sample/writeSample';
import { CHROMIUM_ARGS } from '../tests/browser/harness';
import { spawnPreview } from '../tests/browser/preview';
import type { CDPSession } from 'playwright-core';
import { printTable } from './measure';

/** Functions whose self time is a wait on the (software) GPU process, not script. */
const GPU_SYNC = new Set([
  '_resizeDrawingBufferIfNeeded',
  '_resizeCanvas',
  '_getLinkStatus',
  'readPixels',
  'getError',
  'getParameter',
  'getShaderParameter',
  'getProgramParameter',
  'clientWaitSync',
  'finish',
]);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

async function profile(
  cdp: CDPSession,
  during: () => Promise<void>,
): Promise<Record<string, number>> {
  await cdp.send('Profiler.start');
  await during();
  const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const totals: Record<string, number> = { script: 0, gc: 0, gpuWait: 0, idle: 0, other: 0 };
  const byFunction = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const name = frame?.functionName ?? '';
    const ms = p.timeDeltas[i] / 1000;
    const key = `${name || '(anonymous)'} ${frame?.url.split('/').pop() ?? ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    if (name === '(idle)') totals.idle += ms;
    else if (name === '(garbage collector)') totals.gc += ms;
    else if (name === '(program)') totals.other += ms;
    else if (GPU_SYNC.has(name)) totals.gpuWait += ms;
    else totals.script += ms;
  });
  if (process.env.MAIN_THREAD_TOP)
    console.log(
      [...byFunction.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(process.env.MAIN_THREAD_TOP))
        .map(([k, v]) => `    ${v.toFixed(0).padStart(6)} ms ${k}`)
        .join('\n'),
    );
  return totals;
}

const ROWS = Number(process.env.MAIN_THREAD_ROWS ?? 1_000_000);

export async function bench(): Promise<void> {
  if (!existsSync('dist/index.html') || !existsSync('/usr/bin/chromium')) {
    console.log('skipped: needs `npx vite build` and /usr/bin/chromium');
    return;
  }
  const out = join(import.meta.dirname, 'out');
  mkdirSync(out, { recursive: true });
  const file = join(out, `chicago-${ROWS}.csv`);
  if (!existsSync(file))
    writeIncidentsCsv(file, { rows: ROWS, years: Math.max(3, Math.round(ROWS / 300_000)) });

  const port = 4300 + Math.floor(Math.random() * 500);
  const server = spawnPreview(port, 'ignore');
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') console.log('  page error:', m.text().slice(0, 200));
    });
    page.on('crash', () => console.log('  the page crashed'));
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('[data-testid="shown-count"]', { timeout: 120_000 });
    await page.waitForTimeout(2000);
    const tasks = () =>
      page.evaluate(() =>
        (
          window as unknown as { __longTasks: { start: number; duration: number }[] }
        ).__longTasks.splice(0),
      );
    const startup = await tasks();

    let importMs = 0;
    await page.click('button:has-text("Data")');
    const importProfile = await profile(cdp, async () => {
      const t0 = Date.now();
      await page.setInputFiles('[data-testid="file-input"]', file);
      await page.waitForFunction(
        (name) =>
          document.querySelector('[data-testid="dataset-title"]')?.textContent?.includes(name),
        `chicago-${ROWS}.csv`,
        { timeout: 600_000 },
      );
      await page.waitForSelector('[data-testid="shown-count"]', { timeout: 120_000 });
      importMs = Date.now() - t0;
      await page.waitForTimeout(3000);
    });
    const importing = await tasks();

    await page.click('button:has-text("Filters")', { timeout: 300_000 });
    const filterProfile = await profile(cdp, async () => {
      for (const h of ['00:00', '01:00', '02:00', '03:00']) {
        await page.click(`button[aria-label="${h}"]`, { timeout: 300_000 });
        await page.waitForTimeout(300);
      }
      await page.getByRole('checkbox', { name: /^THEFT / }).click({ timeout: 300_000 });
      await page.waitForTimeout(300);
      await page.click('button:has-text("Fri")', { timeout: 300_000 });
      await page.waitForTimeout(1500);
    });
    const filtering = await tasks();
    await page.screenshot({ path: join(out, 'main-thread-1m.png') });

    const row = (phase: string, list: { duration: number }[], p?: Record<string, number>) => ({
      phase,
      'long tasks': list.length,
      'longest ms': Math.round(Math.max(0, ...list.map((t) => t.duration))),
      'total ms': Math.round(list.reduce((a, t) => a + t.duration, 0)),
      'script ms': p ? Math.round(p.script) : '—',
      'GC ms': p ? Math.round(p.gc) : '—',
      'GPU-wait ms': p ? Math.round(p.gpuWait) : '—',
    });
    printTable(
      `Main-thread tasks over 50 ms, ${ROWS.toLocaleString('en-US')} incidents (import took ${(importMs / 1000).toFixed(1)} s)`,
      [
        row('start-up (sample city)', startup),
        row(`import ${ROWS.toLocaleString('en-US')} rows + layer build`, importing, importProfile),
        row('6 filter changes', filtering, filterProfile),
      ],
    );
  } finally {
    await browser.close();
    server.kill();
  }
}
