/**
 * The error banner: every failure the page knows of (bad URL settings, a backend that
 * will not start, training that diverged, uncaught exceptions in the page or the worker)
 * is shown here, not only in the console. Messages are also kept for tests
 * (window.__playground.errors).
 */
import { el } from './dom.js';

export class Banner {
  readonly root: HTMLElement;
  readonly messages: string[] = [];
  private readonly list: HTMLUListElement;

  constructor() {
    this.list = el('ul');
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss', title: 'Dismiss' }, '×');
    close.addEventListener('click', () => this.clear());
    this.root = el('div', { class: 'banner', role: 'alert', 'data-testid': 'error-banner', hidden: '' }, close, this.list);
  }

  /** Show a message; `warning`s (e.g. an ignored URL parameter) are not logged as errors. */
  show(message: string, level: 'error' | 'warning' = 'error'): void {
    this.messages.push(message);
    this.list.append(el('li', { class: level }, message));
    this.root.hidden = false;
    if (level === 'error') console.error(`[playground] ${message}`);
    else console.warn(`[playground] ${message}`);
  }

  clear(): void {
    this.list.replaceChildren();
    this.root.hidden = true;
  }

  /** Catch what nothing else caught: exceptions and rejected promises on the page thread. */
  catchUncaught(): void {
    window.addEventListener('error', (e) => this.show(`Unexpected error: ${e.message}`));
    window.addEventListener('unhandledrejection', (e) => {
      const r: unknown = e.reason;
      this.show(`Unexpected error: ${r instanceof Error ? r.message : String(r)}`);
    });
  }
}
