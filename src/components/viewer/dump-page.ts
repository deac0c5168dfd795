/**
 * Behaviour of the /dump/ page: paste, pick or drop a file, or open an example; the dump goes to
 * the parse worker and the result into the viewer below the input.
 */
import css from './viewer.css?inline';
import type { Locale } from '../../i18n/index.ts';
import { format } from '../../i18n/index.ts';
import type { ViewerStrings } from '../../i18n/strings/viewer.ts';
import type { Source } from './types.ts';
import { HANDOFF_KEY, injectCss } from './dom.ts';
import { formatBytes } from './view-model.ts';
import { createParseClient } from './worker-client.ts';
import { createViewer, errorText } from './viewer-ui.ts';

export function mountDumpPage(root: HTMLElement): void {
  injectCss('llv-css', css);
  const locale = root.dataset.locale as Locale;
  const s = JSON.parse(root.dataset.strings ?? '{}') as ViewerStrings;
  const client = createParseClient(locale);
  const viewer = createViewer({ locale, strings: s, client, withDiff: true });
  root.querySelector('[data-llv-host]')!.append(viewer.element);

  const status = root.querySelector<HTMLElement>('[data-llv-status]')!;
  const drop = root.querySelector<HTMLElement>('[data-llv-drop]')!;
  const textarea = root.querySelector<HTMLTextAreaElement>('[data-llv-paste]')!;
  const fileInput = root.querySelector<HTMLInputElement>('[data-llv-file]')!;
  let busy = 0;

  async function open(source: Source): Promise<void> {
    const ticket = ++busy;
    status.classList.remove('is-error');
    status.textContent = format(s.parsing, { name: source.name });
    try {
      const r = await client.parse('main', source);
      if (ticket !== busy) return;
      status.textContent = format(r.total === 1 ? s.parsedInOne : s.parsedIn, {
        total: r.total,
        name: source.name,
        size: formatBytes(r.bytes),
        ms: Math.round(r.ms),
      });
      status.dataset.ms = String(r.ms);
      status.dataset.parseMs = String(r.parseMs);
      viewer.show(r, source.name);
    } catch (e) {
      if (ticket !== busy) return;
      status.classList.add('is-error');
      status.textContent = errorText(e, s);
      // The previous dump's groups under this error would read as the rejected file's results.
      viewer.clear();
    }
  }

  root
    .querySelector('[data-llv-parse]')!
    .addEventListener('click', () => void open({ kind: 'text', text: textarea.value, name: s.pastedText }));
  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    if (f) void open({ kind: 'file', file: f, name: f.name });
    // Choosing the same file again (after editing it) must fire change again.
    fileInput.value = '';
  });
  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-llv-example]')) {
    b.addEventListener('click', () => {
      const opened = open({ kind: 'url', url: b.dataset.llvExample!, name: b.dataset.name ?? b.textContent ?? '' });
      // The results land below the examples, often below the fold: bring the summary up.
      void opened.then(() => {
        const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
        status.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
      });
    });
  }

  // Dropping anywhere on the input area opens the file; a dropped text selection is pasted.
  let depth = 0;
  drop.addEventListener('dragenter', (ev) => {
    ev.preventDefault();
    depth++;
    drop.classList.add('is-dragging');
  });
  drop.addEventListener('dragover', (ev) => ev.preventDefault());
  drop.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) drop.classList.remove('is-dragging');
  });
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    depth = 0;
    drop.classList.remove('is-dragging');
    const f = ev.dataTransfer?.files[0];
    if (f) void open({ kind: 'file', file: f, name: f.name });
    else {
      const text = ev.dataTransfer?.getData('text/plain') ?? '';
      if (text) {
        textarea.value = text;
        void open({ kind: 'text', text, name: s.pastedText });
      }
    }
  });
  // Lessons link to an example with ?example=<file>; only the listed examples are accepted.
  const wanted = new URLSearchParams(location.search).get('example');
  const exampleButton = [...root.querySelectorAll<HTMLButtonElement>('[data-llv-example]')].find(
    (b) => wanted !== null && b.dataset.name === wanted,
  );
  if (exampleButton) exampleButton.click();
  else if (location.hash === `#${HANDOFF_KEY}`) {
    const text = sessionStorage.getItem(HANDOFF_KEY);
    if (text) {
      textarea.value = text;
      void open({ kind: 'text', text, name: s.pastedText });
    }
  }
  root.dataset.ready = 'true';
}
