/**
 * The playground in headless Chromium: both panels train and draw, target space learns
 * two-spirals, a settings change resets and retrains and lands in the URL, and nothing is
 * logged as an error. Needs `npm run build:playground` first (`npm run test:e2e` does it).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, collectErrors, launch } from './browser.js';
import { serveStatic, type StaticServer } from './static_server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${repo}apps/playground/dist`;
const outDir = `${repo}test-output`;

/** The fields of window.__playground that the test reads (see apps/playground/src/hooks.ts). */
interface Hook {
  iteration: number;
  backend: string;
  running: boolean;
  errors: string[];
  settings: { mode: string };
  trainerStats: { tensors: number; snapshots: number } | null;
  panels: Record<'target' | 'weight', { iteration: number; trainAccuracy: number | null; drawnFrames: number; iterationsPerSecond: number }>;
}

const hook = (page: Page) => page.evaluate(() => (window as unknown as { __playground: Hook }).__playground);
const counter = async (page: Page, space: string) => Number(await page.getByTestId(`${space}-iteration`).textContent());

/**
 * Fractions of the surface canvas's pixels leaning to each class colour (orange: red >
 * blue; blue: blue > red). A drawn, trained surface has plenty of both; a blank canvas has
 * neither. Written as a string: the test runner's transforms would inject helpers into a
 * function that the page does not have.
 */
const SURFACE_COLOURS = `(() => {
  const out = {};
  for (const space of ['target', 'weight']) {
    const c = document.querySelector('[data-testid="' + space + '-surface"]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let orange = 0, blue = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] > d[i + 2] + 30) orange++;
      else if (d[i + 2] > d[i] + 30) blue++;
    }
    const n = d.length / 4;
    out[space] = { orange: orange / n, blue: blue / n, size: n };
  }
  return out;
})()`;

describe('playground (headless Chromium)', () => {
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const missing = chromiumMissing();
    if (missing) throw new Error(missing);
    if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist} is not built: run npm run build:playground (npm run test:e2e does).`);
    server = await serveStatic(dist);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('trains both panels, learns two-spirals in target space, and resets on a setting change', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = collectErrors(page);
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { __playground?: Hook }).__playground?.backend !== '', null, { timeout: 60_000 });
    const backend = (await hook(page)).backend;

    await page.getByTestId('play').click();
    const start = Date.now();
    await page.waitForFunction(
      () => {
        const p = (window as unknown as { __playground: Hook }).__playground.panels;
        return p.target.drawnFrames > 1 && p.weight.drawnFrames > 1 && p.target.iteration > 0 && p.weight.iteration > 0;
      },
      null,
      { timeout: 30_000 },
    );
    const first = { target: await counter(page, 'target'), weight: await counter(page, 'weight') };
    await page.waitForTimeout(2000);
    for (const space of ['target', 'weight'] as const) expect(await counter(page, space)).toBeGreaterThan(first[space]);

    // Target space learns two-spirals (paper sec. 4.1) well within the limit on slow CPUs.
    await page.waitForFunction(() => ((window as unknown as { __playground: Hook }).__playground.panels.target.trainAccuracy ?? 0) > 0.9, null, {
      timeout: 90_000,
      polling: 250,
    });
    const trained = await hook(page);
    const seconds = (Date.now() - start) / 1000;
    const colours = (await page.evaluate(SURFACE_COLOURS)) as Record<string, { orange: number; blue: number }>;
    for (const space of ['target', 'weight']) {
      expect(colours[space].orange, `${space} surface has class-0 regions`).toBeGreaterThan(0.05);
      expect(colours[space].blue, `${space} surface has class-1 regions`).toBeGreaterThan(0.05);
    }
    mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: `${outDir}/playground.png`, fullPage: true });
    console.log(
      `backend ${backend}: target accuracy ${trained.panels.target.trainAccuracy} at iteration ${trained.iteration} after ${seconds.toFixed(1)} s; ` +
        `${trained.panels.target.iterationsPerSecond.toFixed(0)} / ${trained.panels.weight.iterationsPerSecond.toFixed(0)} iterations/s (target / weight)`,
    );

    // No tensor leaks on the training thread: the count is the same from snapshot to snapshot.
    const tensors = trained.trainerStats!.tensors;
    await page.waitForFunction((n) => (window as unknown as { __playground: Hook }).__playground.trainerStats!.snapshots > n + 2, trained.trainerStats!.snapshots);
    expect((await hook(page)).trainerStats!.tensors).toBe(tensors);

    // A setting change (SCU -> OCU) resets both panels and retrains, and lands in the URL.
    const before = trained.iteration;
    await page.getByTestId('control-mode').selectOption('ocu');
    expect(new URL(page.url()).searchParams.get('mode')).toBe('ocu');
    expect((await hook(page)).settings.mode).toBe('ocu');
    expect(await counter(page, 'target')).toBe(0);
    // The first report of the new run (the page clears the accuracies on a reset): caught
    // within a frame, it must come from fresh models, near iteration 0.
    const fresh = (await (
      await page.waitForFunction(
        () => {
          const p = (window as unknown as { __playground: Hook }).__playground;
          const [t, w] = [p.panels.target, p.panels.weight];
          return t.trainAccuracy !== null && w.trainAccuracy !== null ? { target: t.iteration, weight: w.iteration, accuracy: t.trainAccuracy } : null;
        },
        null,
        { timeout: 30_000, polling: 'raf' },
      )
    ).jsonValue()) as { target: number; weight: number; accuracy: number };
    expect(fresh.target).toBeLessThan(Math.min(50, before));
    expect(fresh.weight).toBeLessThan(Math.min(50, before));
    expect(fresh.accuracy).toBeLessThan(0.85);
    // ... and training goes on by itself.
    await page.waitForFunction(
      () => {
        const p = (window as unknown as { __playground: Hook }).__playground;
        return p.running && p.panels.target.iteration > 20 && p.panels.weight.iteration > 20;
      },
      null,
      { timeout: 30_000 },
    );
    // The old models were disposed: the new run holds as many tensors as the old one did.
    expect((await hook(page)).trainerStats!.tensors).toBe(tensors);
    expect((await hook(page)).errors).toEqual([]);
    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restores settings from the URL, trains on the page thread, pauses and single-steps', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}?data=circles&noise=0.2&runner=frame&hidden=4,4`);
    await page.waitForFunction(() => (window as unknown as { __playground?: Hook }).__playground?.backend !== '', null, { timeout: 60_000 });
    expect(await page.getByTestId('control-data').inputValue()).toBe('circles');
    expect(await page.getByTestId('control-hidden').inputValue()).toBe('4,4');

    await page.getByTestId('play').click();
    await page.waitForFunction(
      () => {
        const p = (window as unknown as { __playground: Hook }).__playground.panels;
        return p.target.iteration > 30 && p.weight.iteration > 30 && p.target.drawnFrames > 0 && p.weight.drawnFrames > 0;
      },
      null,
      { timeout: 60_000 },
    );

    await page.getByTestId('pause').click();
    await page.waitForFunction(() => !(window as unknown as { __playground: Hook }).__playground.running, null, { timeout: 10_000 });
    const paused = await counter(page, 'target');
    await page.waitForTimeout(500);
    expect(await counter(page, 'target')).toBe(paused);
    await page.getByTestId('step').click();
    await page.waitForFunction((n) => (window as unknown as { __playground: Hook }).__playground.panels.target.iteration === n + 1, paused, { timeout: 10_000 });
    expect(await counter(page, 'weight')).toBe(paused + 1);

    expect((await hook(page)).errors).toEqual([]);
    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
