/**
 * <leak-playground>: the only playground code loaded with the page. It restores saved edits into
 * the static rendering and waits; the session (runner, editor, output) is imported when the
 * snippet comes into view after the reader starts reading, or when the reader touches it, so a
 * lesson costs a few KB until then. Pages that exist to be edited (/play/, embeds) mark an
 * ancestor `data-load-editor` and load it at once. Keys typed into the static code while the
 * editor loads are kept and applied where the reader clicked.
 *
 * For pages that host snippets (embeds, workshop, progress UI), the element exposes:
 * - events, bubbling, detail `{ id, ... }`: `leaklab:ready` (editor live), `leaklab:run`
 *   (`check`), `leaklab:result` (`status`, `leaked` or null), `leaklab:passed`, `leaklab:failed` (`reason`);
 *   and on window `leaklab:backend` (`choice`) when the reader switches backend;
 * - attributes: `data-state` static|editor, `data-busy` true|false, `data-runs` (completed runs),
 *   `data-backend` server|playground;
 * - toolbar buttons carry `data-action` (run, stop, format, reset, copy, check, hint, solution).
 */
import type { ClientConfig } from './config.ts';
import { createProgressStore } from '../../lib/progress/store.ts';
import { browserStorage } from '../shared/storage.ts';
import { isRunTarget } from '../../lib/runner/client.ts';
import { keepFocusClearOfBars } from './in-view.ts';
import { highlightGoLine } from './go-tokens.ts';

/** What the reader did to the static code before the editor arrived. */
export interface PendingInput {
  /** Where they clicked (1-based), if they did. */
  at: { line: number; column: number } | null;
  /** What they typed meanwhile. */
  text: string;
}

export interface SessionHandle {
  /** Performs a toolbar action (run, stop, format, reset, copy, check, hint, solution). */
  act(action: string): void;
  /** Focuses the editing surface (what typing goes into), loading the editor first if needed; Tab indents from then on. */
  focusEditor(): Promise<void>;
  /** Removes the session's window listeners, stops its run and saves pending edits. */
  dispose(): void;
}

/**
 * Snippets start loading the editor when they scroll into view, but only once the reader has
 * done something (scrolled, pressed a key, touched): a lesson that is merely opened, with a
 * snippet above the fold, must not pull in Monaco's megabytes.
 */
const firstInteraction = new Promise<void>((resolve) => {
  const events = ['scroll', 'wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
  const done = () => {
    for (const type of events) removeEventListener(type, done, true);
    resolve();
  };
  for (const type of events) addEventListener(type, done, { capture: true, passive: true });
});

keepFocusClearOfBars();

/** Line and column (1-based) of the static code under a pointer, or null when not over code. */
function caretAt(e: PointerEvent): PendingInput['at'] {
  const doc = document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null };
  const pos = doc.caretPositionFromPoint?.(e.clientX, e.clientY);
  const node = pos?.offsetNode;
  const lineEl = (node instanceof Element ? node : node?.parentElement)?.closest('.line');
  if (!pos || !lineEl) return null;
  const lines = [...(lineEl.parentElement?.querySelectorAll(':scope > .line') ?? [])];
  const range = document.createRange();
  range.setStart(lineEl, 0);
  range.setEnd(pos.offsetNode, pos.offset);
  return { line: lines.indexOf(lineEl) + 1, column: range.toString().length + 1 };
}

export class LeakPlayground extends HTMLElement {
  config!: ClientConfig;
  /** Read once by the session when the editor arrives. */
  pending: PendingInput = { at: null, text: '' };
  private session: Promise<SessionHandle> | undefined;
  private observer: IntersectionObserver | undefined;
  /** Aborted when the element leaves the page: its window listeners go with it. */
  private lifetime = new AbortController();

  connectedCallback(): void {
    if (this.config) return;
    this.config = JSON.parse(this.dataset.config ?? '{}') as ClientConfig;
    const store = createProgressStore({ storage: browserStorage() });
    const saved = store.getSnippet(this.config.id);
    if (saved !== undefined && saved !== this.config.original) {
      showPlainCode(this, saved);
      this.querySelector('[data-edited]')?.removeAttribute('hidden');
    }
    if (this.config.kind === 'exercise' && store.passedAt(this.config.id) !== undefined) {
      this.querySelector<HTMLElement>('[data-passed]')?.removeAttribute('hidden');
    }

    // Show the reader's backend choice before the session (which applies it) has loaded.
    const select = this.querySelector<HTMLSelectElement>('[data-backend]');
    const showBackend = (choice: string | null) => {
      if (select && isRunTarget(choice) && !this.session) select.value = choice;
    };
    try {
      showBackend(localStorage.getItem('leaklab:backend'));
    } catch {
      // Storage blocked: the default stays.
    }
    addEventListener('leaklab:backend', (e) => showBackend((e as CustomEvent<{ choice: string }>).detail.choice), {
      signal: this.lifetime.signal,
    });

    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (!button || !this.contains(button) || button.getAttribute('aria-disabled') === 'true') return;
      button.closest<HTMLElement>('[popover]')?.hidePopover();
      void this.start().then((s) => s.act(button.dataset.action!));
    });
    // Focusing or pressing on the code means the reader wants to edit it: load the editor now.
    const code = this.querySelector<HTMLElement>('[data-editor]')!;
    code.addEventListener('focusin', () => void this.start(), { once: true });
    code.addEventListener(
      'pointerdown',
      (e) => {
        // Pressing on the code means "let me type here": the editor takes the focus when it arrives,
        // with the cursor where they pressed.
        this.dataset.focusOnLoad = 'true';
        this.pending.at = caretAt(e);
        void this.start();
      },
      { once: true },
    );
    code.addEventListener('keydown', (e) => {
      if (this.dataset.state !== 'static' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (e.key === 'Enter' && e.shiftKey) return; // Run: the page's shortcut
      const text = e.key === 'Enter' ? '\n' : e.key.length === 1 ? e.key : null;
      if (text !== null) this.pending.text += text;
      else if (e.key === 'Backspace') this.pending.text = this.pending.text.slice(0, -1);
      else return;
      // Kept for the editor; Space must not scroll the page meanwhile.
      e.preventDefault();
      this.dataset.focusOnLoad = 'true';
      void this.start();
    });
    this.querySelector('[data-backend]')?.addEventListener('focus', () => void this.start(), { once: true });
    this.showGoChoice();
    if (this.closest('[data-load-editor]')) {
      void this.start();
      return;
    }

    // A pointer over the snippet, or the focus inside it, is about to press Run or edit: the
    // session (editor, terminal, runner connection) starts loading now rather than on the press.
    this.addEventListener('pointerenter', () => void this.start(), { once: true, signal: this.lifetime.signal });
    this.addEventListener('focusin', () => void this.start(), { once: true, signal: this.lifetime.signal });

    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void this.start();
      },
      { rootMargin: '200px 0px' },
    );
    void firstInteraction.then(() => this.observer?.observe(this));
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    // A move within the page disconnects and reconnects in one task: only a real removal disposes.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.dataset.disposed = 'true';
      this.lifetime.abort();
      void this.session?.then((s) => s.dispose());
    });
  }

  async focusEditor(): Promise<void> {
    return (await this.start()).focusEditor();
  }

  start(): Promise<SessionHandle> {
    this.observer?.disconnect();
    this.session ??= import('./session.ts').then((m) => m.startSession(this));
    return this.session;
  }

  /**
   * A Go release chosen in any snippet applies to every snippet on every page: say so before the
   * session (which shows the menu) loads. session-backend.ts keeps it up to date afterwards.
   */
  private showGoChoice(): void {
    const note = this.querySelector<HTMLElement>('[data-gonote]');
    let choice: string | null = null;
    try {
      choice = localStorage.getItem('leaklab:go-backend');
    } catch {
      // Storage blocked: the default applies.
    }
    if (note && choice) {
      note.textContent = this.config.strings.goPrevInEffect;
      note.hidden = false;
    }
  }
}

/** Shows code other than the built page's (saved edits, a shared link) until the editor arrives. */
export function showPlainCode(snippet: HTMLElement, code: string): void {
  const el = snippet.querySelector<HTMLElement>('[data-static] code');
  if (!el) return;
  const lines = code.split('\n');
  el.replaceChildren(
    ...lines.flatMap((text, i) => {
      const line = document.createElement('span');
      line.className = 'line';
      line.append(...highlightGoLine(text));
      return i === 0 ? [line] : ['\n', line];
    }),
  );
  const box = snippet.querySelector<HTMLElement>('[data-editor]')!;
  box.style.setProperty('--lp-lines', String(lines.length));
  box.toggleAttribute('data-long', lines.length > 32);
}

if (!customElements.get('leak-playground')) customElements.define('leak-playground', LeakPlayground);
