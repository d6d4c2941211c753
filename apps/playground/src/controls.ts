/**
 * The settings form and the run buttons. Every input is labelled, carries
 * `data-testid="control-<url name>"`, and reports a parsed change; bad input is reported
 * (the caller shows it) and the input is marked invalid until corrected.
 */
import { el } from './dom.js';
import { ACTIVATIONS, OPTIMISERS } from './lib.js';
import { DATA_SETS, formatValue, PARAM, parseValue, type Settings } from './settings.js';

type Key = keyof Settings;

interface ControlSpec {
  key: Key;
  label: string;
  /** Options for a select; absent for text/number inputs and checkboxes. */
  options?: readonly (readonly [string, string])[];
  kind?: 'text' | 'number' | 'checkbox';
  title?: string;
}

const same = (xs: readonly string[]) => xs.map((x) => [x, x] as const);

const GROUPS: readonly (readonly [string, readonly ControlSpec[]])[] = [
  ['Data', [
    { key: 'data', label: 'data set', options: [['spirals', 'two spirals'], ...same(DATA_SETS.slice(1))] },
    { key: 'noise', label: 'noise', kind: 'number', title: 'Standard deviation of Gaussian jitter added to each coordinate' },
    { key: 'seed', label: 'seed', kind: 'number' },
  ]],
  ['Network', [
    { key: 'hidden', label: 'hidden layers', kind: 'text', title: 'Comma-separated widths, e.g. 5,5,5 (empty: no hidden layer)' },
    { key: 'activation', label: 'activation', options: same(ACTIVATIONS.filter((a) => a !== 'linear')) },
    { key: 'shortcuts', label: 'shortcut connections', kind: 'checkbox' },
  ]],
  ['Training', [
    { key: 'optimiser', label: 'optimiser', options: same(OPTIMISERS) },
    { key: 'learningRate', label: 'learning rate', kind: 'number' },
  ]],
  ['Target space', [
    { key: 'lambda', label: 'lambda', kind: 'number', title: 'Pseudoinverse regularisation of the least-squares solve (sec. 3.2)' },
    { key: 'mode', label: 'realisation', options: [['scu', 'SCU'], ['ocu', 'OCU']], title: 'Sequential (SCU) or optimistic (OCU) cascade untangling (sec. 2.4)' },
    { key: 'project', label: 'initial projection', kind: 'checkbox' },
    { key: 'xbarSize', label: 'X̄ size (0 = all)', kind: 'number', title: 'How many training points form X̄, the fixed target-space input batch' },
    { key: 'xbarPick', label: 'X̄ points', options: [['first', 'first k'], ['random', 'random k']] },
  ]],
  ['Page', [
    { key: 'backend', label: 'backend', options: same(['auto', 'webgl', 'wasm', 'cpu']), title: 'Changing it reloads the page' },
    { key: 'runner', label: 'train in', options: [['worker', 'web worker'], ['frame', 'page thread']], title: 'Changing it reloads the page' },
  ]],
];

export type Action = 'play' | 'pause' | 'step' | 'reset' | 'defaults';

export interface ControlsHandlers {
  /** A valid new value for one setting. */
  change<K extends Key>(key: K, value: Settings[K]): void;
  invalid(message: string): void;
  action(a: Action): void;
}

export class Controls {
  readonly root: HTMLElement;
  private readonly inputs = new Map<Key, HTMLInputElement | HTMLSelectElement>();
  private readonly playButton: HTMLButtonElement;

  constructor(settings: Settings, handlers: ControlsHandlers) {
    const button = (a: Action, text: string, title: string) => {
      const b = el('button', { type: 'button', 'data-testid': a, title }, text);
      b.addEventListener('click', () => handlers.action(a));
      return b;
    };
    this.playButton = button('play', '▶ Play', 'Train both panels');
    const buttons = el('div', { class: 'buttons' },
      this.playButton,
      button('pause', '❚❚ Pause', 'Stop training'),
      button('step', 'Step', 'One iteration in each panel'),
      button('reset', 'Reset', 'Start again from the same seed'),
      button('defaults', 'Paper defaults', 'Two-spirals, 2-5-5-5-2 tanh with shortcuts, Adam 0.01, lambda 0.001, SCU, projection'));
    const groups = GROUPS.map(([title, specs]) =>
      el('fieldset', {}, el('legend', {}, title), ...specs.map((spec) => this.control(spec, settings, handlers))));
    this.root = el('form', { class: 'controls', 'data-testid': 'controls' }, buttons, ...groups);
    this.root.addEventListener('submit', (e) => e.preventDefault());
  }

  private control(spec: ControlSpec, settings: Settings, handlers: ControlsHandlers): HTMLElement {
    const testid = `control-${PARAM[spec.key]}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (spec.options) {
      input = el('select', { 'data-testid': testid, name: PARAM[spec.key] },
        ...spec.options.map(([value, text]) => el('option', { value }, text)));
    } else {
      const type = spec.kind === 'checkbox' ? 'checkbox' : spec.kind === 'number' ? 'number' : 'text';
      input = el('input', { 'data-testid': testid, name: PARAM[spec.key], type, ...(type === 'number' ? { step: 'any' } : {}) });
    }
    this.inputs.set(spec.key, input);
    this.show(spec.key, settings);
    input.addEventListener('change', () => {
      const text = input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? '1' : '0') : input.value;
      try {
        const value = parseValue(spec.key, text);
        input.removeAttribute('aria-invalid');
        handlers.change(spec.key, value);
      } catch (e) {
        input.setAttribute('aria-invalid', 'true');
        handlers.invalid((e as Error).message);
      }
    });
    const attrs: Record<string, string> = spec.title ? { title: spec.title } : {};
    return el('label', { class: spec.kind === 'checkbox' ? 'check' : '', ...attrs }, el('span', {}, spec.label), input);
  }

  /** Show these settings in the inputs (e.g. after "paper defaults"). */
  showAll(settings: Settings): void {
    for (const key of this.inputs.keys()) this.show(key, settings);
  }

  private show(key: Key, settings: Settings): void {
    const input = this.inputs.get(key)!;
    input.removeAttribute('aria-invalid');
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = settings[key] as boolean;
    else input.value = formatValue(settings[key]);
  }

  setRunning(running: boolean): void {
    this.playButton.classList.toggle('active', running);
  }
}
