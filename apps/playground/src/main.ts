/**
 * The page: reads the settings from the URL, builds the DOM, starts the trainer (a worker
 * by default) and draws what it reports. Training state lives with the trainer; the page
 * keeps only what it draws.
 */
import './style.css';
import { Banner } from './banner.js';
import { Controls, type Action } from './controls.js';
import { buildData, GRID, type PlaygroundData } from './data.js';
import { el } from './dom.js';
import { installHook } from './hooks.js';
import type { Space } from './lib.js';
import { PanelView } from './panel_view.js';
import { PANEL_SPACES as SPACES, type Report, type Snapshot } from './protocol.js';
import { createRunner } from './runner.js';
import { DEFAULTS, fromQuery, toQuery, type Settings } from './settings.js';
import { Speedometer } from './speed.js';

const banner = new Banner();
banner.catchUncaught();
const parsed = fromQuery(location.search);
let settings: Settings = parsed.settings;
const hook = installHook(settings, banner.messages);
let data: PlaygroundData = buildData(settings);
let generation = 0;
let drawPending = false;
const reported = new Set<string>();

const panels = Object.fromEntries(SPACES.map((s) => [s, new PanelView(s)])) as Record<Space, PanelView>;
const speeds = Object.fromEntries(SPACES.map((s) => [s, new Speedometer()])) as Record<Space, Speedometer>;
const counter = el('span', { 'data-testid': 'iteration', class: 'value' }, '0');
const info = el('span', { 'data-testid': 'info' }, 'starting…');
const xbarInfo = el('span', { 'data-testid': 'xbar-info' });

const controls = new Controls(settings, {
  change(key, value) {
    settings = { ...settings, [key]: value };
    if (key === 'backend' || key === 'runner') {
      location.search = toQuery(settings); // the trainer cannot move: start the page afresh
      return;
    }
    applySettings(true);
  },
  invalid: (message) => banner.show(message),
  action,
});

document.body.append(
  el('header', {},
    el('h1', {}, 'Deep learning in target space: playground'),
    el('p', { class: 'intro' },
      'In target space a network is parameterised not by its weights but by targets: the sums each layer should produce on a fixed batch of inputs X̄. ',
      'At every step the weights are solved from the targets by regularised least squares, and the optimiser moves the targets through that solve, so later layers adapt to changes in earlier ones (“cascade untangling”) and the loss surface becomes smoother. ',
      'Both panels train the same network on the same data from the same seed, one in target space and one in ordinary weight space. ',
      el('a', { href: 'https://jmlr.org/papers/v23/20-040.html' }, 'Fairbank, Samothrakis and Citi, “Deep Learning in Target Space”, JMLR 2022'), '.')),
  banner.root,
  el('main', {},
    controls.root,
    el('div', { class: 'panels' }, panels.target.root, panels.weight.root)),
  el('footer', {}, el('span', {}, 'iteration '), counter, ' · ', xbarInfo, ' · ', info),
);
for (const p of parsed.problems) banner.show(p, 'warning');

const runner = createRunner(settings.runner, onReport);
hook.runner = runner.kind;
runner.send({ type: 'init', backend: settings.backend });
reset(false);
addEventListener('resize', requestDraw);

function action(a: Action): void {
  if (a === 'defaults') {
    settings = { ...DEFAULTS, hidden: [...DEFAULTS.hidden], backend: settings.backend, runner: settings.runner };
    controls.showAll(settings);
    applySettings(true);
  } else if (a === 'reset') reset(hook.running);
  else runner.send({ type: a });
}

/** New settings: into the URL (replacing, so Back leaves the page), then retrain. */
function applySettings(play: boolean): void {
  history.replaceState(null, '', location.pathname + toQuery(settings));
  hook.settings = settings;
  reset(play);
}

function reset(play: boolean): void {
  generation++;
  reported.clear();
  try {
    data = buildData(settings);
  } catch (e) {
    banner.show((e as Error).message);
    return;
  }
  for (const s of SPACES) {
    panels[s].reset();
    speeds[s].clear();
    Object.assign(hook.panels[s], { iteration: 0, trainAccuracy: null, testAccuracy: null, trainLoss: null, testLoss: null, iterationsPerSecond: 0, error: null });
  }
  hook.iteration = 0;
  counter.textContent = '0';
  xbarInfo.textContent = `X̄: ${data.xbarRows.length} of ${data.train.n} training points`;
  runner.send({ type: 'reset', settings, play, generation });
  requestDraw();
}

function onReport(r: Report): void {
  if (r.type === 'ready') {
    hook.backend = r.backend;
    const where = runner.kind === 'worker' ? 'a web worker' : 'the page thread';
    info.textContent = `backend ${r.backend}${r.note ? ` (${r.note})` : ''} · training in ${where}`;
  } else if (r.type === 'error') {
    banner.show(r.message);
  } else if (r.generation === generation) {
    hook.trainerStats = r.stats;
    showSnapshot(r.snapshot, r.running);
  }
}

function showSnapshot(snap: Snapshot, running: boolean): void {
  hook.iteration = snap.iteration;
  hook.running = running;
  counter.textContent = String(snap.iteration);
  controls.setRunning(running);
  for (const s of SPACES) {
    const p = snap.panels[s];
    if (!running) speeds[s].clear();
    const rate = running ? speeds[s].add(p.iteration) : 0;
    panels[s].update(p, rate);
    Object.assign(hook.panels[s], {
      iteration: p.iteration,
      trainAccuracy: p.train?.accuracy ?? null,
      testAccuracy: p.test?.accuracy ?? null,
      trainLoss: p.train?.loss ?? null,
      testLoss: p.test?.loss ?? null,
      iterationsPerSecond: rate,
      error: p.error,
    });
    if (p.error && !reported.has(s)) {
      reported.add(s);
      banner.show(`${s === 'target' ? 'Target' : 'Weight'} space stopped: ${p.error}`);
    }
  }
  requestDraw();
}

/** Draw at most once per animation frame, whatever the snapshot rate. */
function requestDraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    try {
      for (const s of SPACES) {
        panels[s].draw(data, GRID);
        hook.panels[s].drawnFrames = panels[s].drawnFrames;
      }
    } catch (e) {
      banner.show(`Drawing failed: ${(e as Error).message}`);
    }
  });
}
