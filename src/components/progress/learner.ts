/**
 * Loaded on every page with a sidebar; kept tiny (lesson pages have a JS budget). It records
 * "chapter visited", marks visited chapters and completed exercises in the sidebar, adds a Share
 * button to each snippet (the codec loads on click), and handles the page-level shortcuts.
 */
import { createProgressStore } from '../../lib/progress/store.ts';
import { browserStorage } from '../shared/storage.ts';
import { chapterOfPath } from '../../lib/progress/paths.ts';
import { shortcutFor } from '../keyboard/shortcuts.ts';
import { localeFromPath, localePrefix } from '../../i18n/index.ts';

interface LearnerData {
  ex: Record<string, string>;
  visited: string;
  passed: string;
  /** Absent where the page has no sidebar (embeds), which offer no Share button either. */
  share?: string;
  shareLabel?: string;
}

const host = document.querySelector<HTMLElement>('leaklab-learner');
const data = JSON.parse(host?.dataset.learner ?? '{"ex":{}}') as LearnerData;
const store = createProgressStore({ storage: browserStorage() });

if (chapterOfPath(location.pathname)) store.markVisited(location.pathname);

function mark(): void {
  const p = store.load();
  const visited = new Set(Object.keys(p.visited).map(chapterOfPath));
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href]')) {
    const chapter = chapterOfPath(a.pathname);
    a.querySelector('.ll-mark')?.remove();
    if (!chapter || !visited.has(chapter)) continue;
    const ids = Object.keys(data.ex).filter((id) => data.ex[id] === chapter);
    const done = ids.length > 0 && ids.every((id) => p.exercises[id]);
    const span = document.createElement('span');
    span.className = 'll-mark';
    span.dataset.kind = done ? 'passed' : 'visited';
    span.innerHTML = `<span aria-hidden="true">${done ? '✓✓' : '✓'}</span><span class="ll-sr"></span>`;
    span.lastElementChild!.textContent = ` (${done ? data.passed : data.visited})`;
    a.append(span);
  }
}
mark();
addEventListener('leaklab:passed', mark);
addEventListener('storage', mark);

// ---- Share buttons on snippets ----
for (const el of data.share ? document.querySelectorAll<HTMLElement>('leak-playground') : []) {
  if (el.closest('[data-no-share]')) continue;
  // With the secondary actions, so that on phones it sits in the ⋯ menu.
  const bar = el.querySelector('.lp-secondary') ?? el.querySelector('.lp-actions');
  if (!bar || bar.querySelector('[data-share]')) continue;
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'lp-btn';
  b.dataset.share = '';
  b.textContent = data.share!;
  b.setAttribute('aria-label', data.shareLabel ?? data.share!);
  b.addEventListener('click', () => void import('../share/share-action.ts').then((m) => m.shareSnippet(el, b)));
  bar.append(b);
}

// ---- Keyboard ----
let lastUsed: HTMLElement | null = null;
const snippetOf = (n: EventTarget | null) => (n instanceof Element ? n.closest<HTMLElement>('leak-playground') : null);
addEventListener('focusin', (e) => (lastUsed = snippetOf(e.target) ?? lastUsed));
addEventListener('pointerdown', (e) => (lastUsed = snippetOf(e.target) ?? lastUsed));

function current(): HTMLElement | null {
  const focused = snippetOf(document.activeElement);
  if (focused) return focused;
  if (lastUsed?.isConnected) return lastUsed;
  const all = [...document.querySelectorAll<HTMLElement>('leak-playground')];
  return (
    all.find((s) => {
      const r = s.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    }) ??
    all[0] ??
    null
  );
}

const isTextField = (n: Element | null) =>
  !!n && (n.matches('input, textarea, select, [contenteditable=""], [contenteditable="true"]') || !!n.closest('.lp-live'));

function press(snippet: HTMLElement, action: string): boolean {
  const b = snippet.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  if (!b || b.disabled || b.getAttribute('aria-disabled') === 'true') return false;
  b.click();
  return true;
}

function focusEditor(snippet: HTMLElement): void {
  // The element knows which of the editor's elements takes typing (Monaco keeps hidden,
  // read-only ones too), so ask it rather than guess from the DOM.
  snippet.querySelector<HTMLElement>('[data-editor]')?.scrollIntoView({ block: 'nearest' });
  void (snippet as HTMLElement & { focusEditor?: () => Promise<void> }).focusEditor?.();
}

function focusOutput(snippet: HTMLElement): void {
  const out = snippet.querySelector<HTMLElement>('[data-output]');
  const term = out && !out.hidden ? out.querySelector<HTMLElement>('[data-term]') : null;
  const target = term ?? snippet.querySelector<HTMLElement>('button[data-action="run"]');
  if (!target) return;
  if (target === term && !term.hasAttribute('tabindex')) term.tabIndex = -1;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

window.addEventListener(
  'keydown',
  (e: KeyboardEvent) => {
    const action = shortcutFor(e);
    if (!action || e.defaultPrevented) return;
    // Inside an iframe (embedded exercise) page navigation belongs to the host page.
    if ((action === 'next' || action === 'prev' || action === 'help') && window.top !== window) return;
    const inField = isTextField(document.activeElement);
    // Run from the editor is the editor's own binding; outside it, buttons and links keep Enter.
    if (action === 'run' && (inField || (e.target as Element).closest?.('button, a, summary'))) return;
    if ((action === 'next' || action === 'prev') && inField) return;
    if (action === 'next' || action === 'prev') {
      const link = document.querySelector<HTMLAnchorElement>(`.pagination-links a[rel="${action}"]`);
      if (!link) return;
      e.preventDefault();
      location.href = link.href;
      return;
    }
    if (action === 'help') {
      e.preventDefault();
      location.href = `${localePrefix(localeFromPath(location.pathname))}/help/keyboard/`;
      return;
    }
    const snippet = current();
    if (!snippet) return;
    e.preventDefault();
    e.stopPropagation();
    if (action === 'run') press(snippet, 'run');
    else if (action === 'check') {
      if (!press(snippet, 'check')) press(snippet, 'run');
    } else if (action === 'format') press(snippet, 'format');
    else if (action === 'editor') focusEditor(snippet);
    else focusOutput(snippet);
  },
  { capture: true },
);
