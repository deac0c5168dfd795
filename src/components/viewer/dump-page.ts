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

/** Past this many characters a paste is kept out of the textarea and sent as bytes. */
const LARGE_PASTE = 512 * 1024;
const PREVIEW_CHARS = 4096;
const SLICE_CHARS = 1 << 20;

/** Slices of a string, never splitting a surrogate pair, made as the reader pulls them. */
function sliced(text: string): ReadableStream<string> {
  let at = 0;
  return new ReadableStream<string>(
    {
      pull(c) {
        if (at >= text.length) return c.close();
        let end = Math.min(text.length, at + SLICE_CHARS);
        if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
        c.enqueue(text.slice(at, end));
        at = end;
      },
    },
    { highWaterMark: 1 },
  );
}

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
  const timelineHost = root.querySelector<HTMLElement>('[data-llv-timeline-host]')!;
  let timeline: import('./timeline.ts').Timeline | null = null;

  /** Several files: a timeline of one process (loaded on demand; the single-dump page never needs it). */
  async function openSeries(files: File[]): Promise<void> {
    const ticket = ++busy;
    viewer.clear();
    if (timeline === null) {
      const { createTimeline } = await import('./timeline.ts');
      timeline ??= createTimeline(locale, status);
      timelineHost.append(timeline.element);
    }
    if (ticket === busy) await timeline.open(files);
  }

  /** A large paste kept out of the textarea, which shows only its start (`preview`). */
  let held: { text: string; preview: string; blob?: Blob } | null = null;

  /** `started`: the learner's gesture (click, paste, drop), so the status counts all they waited. */
  async function open(source: Source, started = performance.now()): Promise<void> {
    const ticket = ++busy;
    timeline?.clear();
    status.classList.remove('is-error');
    status.textContent = format(s.parsing, { name: source.name });
    try {
      const r = await client.parse('main', source);
      if (ticket !== busy) return;
      viewer.show(r, source.name);
      const ms = performance.now() - started;
      status.textContent = format(r.total === 1 ? s.parsedInOne : s.parsedIn, {
        total: r.total,
        name: source.name,
        size: formatBytes(r.bytes),
        ms: Math.round(ms),
      });
      status.dataset.ms = String(ms);
      status.dataset.parseMs = String(r.parseMs);
    } catch (e) {
      if (ticket !== busy) return;
      status.classList.add('is-error');
      status.textContent = errorText(e, s);
      // The previous dump's groups under this error would read as the rejected file's results.
      viewer.clear();
    }
  }

  /**
   * Large text goes to the worker in 1 MB slices through a transferred stream, each copied in its
   * own task as the worker asks for it: one postMessage of 20 MB blocked this thread 0.36 s and
   * `new Blob([text])` 0.46 s (measured under load). The worker encodes the slices for the same
   * bytes reader as a file.
   */
  const textSource = (text: string): Source =>
    text.length > LARGE_PASTE ? { kind: 'stream', stream: sliced(text), name: s.pastedText } : { kind: 'text', text, name: s.pastedText };

  root.querySelector('[data-llv-parse]')!.addEventListener('click', () => {
    const started = performance.now();
    if (held?.blob && textarea.value === held.preview) void open({ kind: 'file', file: held.blob, name: s.pastedText }, started);
    else void open(textSource(held && textarea.value === held.preview ? held.text : textarea.value), started);
  });
  /** Shows `text` in the box (only its start when large) and reads it. */
  function openText(text: string, started = performance.now()): void {
    held = null;
    if (text.length > LARGE_PASTE) {
      const head = text.slice(0, PREVIEW_CHARS);
      const preview = `${head.slice(0, head.lastIndexOf('\n') + 1)}${format(s.pastedPreview, { size: formatBytes(text.length) })}`;
      held = { text, preview };
      textarea.value = preview;
    } else textarea.value = text;
    void open(textSource(text), started);
  }
  // Megabytes of text in a textarea make every layout of the page slow (seconds for 20 MB): a
  // large paste is kept aside, the box shows its start, and it is read at once, like a file.
  // Where the reader has let this site read the clipboard, the pasted text arrives as a Blob the
  // browser fills off the main thread and goes to the worker as it is: no string on this thread.
  // getData() (the only way without the permission) copies it here in one blocking call.
  let canRead = false;
  navigator.permissions
    ?.query({ name: 'clipboard-read' as PermissionName })
    .then((p) => {
      canRead = p.state === 'granted';
      p.addEventListener('change', () => (canRead = p.state === 'granted'));
    })
    .catch(() => {});
  textarea.addEventListener('paste', (ev) => {
    const started = performance.now();
    if (canRead && ev.clipboardData?.types.includes('text/plain') && 'read' in (navigator.clipboard ?? {})) {
      ev.preventDefault();
      void pasteBlob(started);
      return;
    }
    const text = ev.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= LARGE_PASTE) return;
    ev.preventDefault();
    openText(text, started);
  });

  async function pasteBlob(started: number): Promise<void> {
    let blob: Blob | undefined;
    try {
      const items = await navigator.clipboard.read();
      const item = items.find((i) => i.types.includes('text/plain'));
      blob = item && (await item.getType('text/plain'));
    } catch {
      // Refused after all: nothing was pasted; the reader can paste again.
    }
    if (!blob) return;
    if (blob.size <= LARGE_PASTE) {
      // Small enough to show and edit like typed text.
      openText(await blob.text(), started);
      return;
    }
    held = null;
    const head = await blob.slice(0, PREVIEW_CHARS).text();
    const preview = `${head.slice(0, head.lastIndexOf('\n') + 1)}${format(s.pastedPreview, { size: formatBytes(blob.size) })}`;
    held = { text: '', preview, blob };
    textarea.value = preview;
    void open({ kind: 'file', file: blob, name: s.pastedText }, started);
  }
  textarea.addEventListener('input', () => {
    // Edited by hand: the box is the dump now.
    held = null;
  });
  fileInput.addEventListener('change', () => {
    const fs = [...(fileInput.files ?? [])];
    if (fs.length > 1) void openSeries(fs);
    else if (fs[0]) void open({ kind: 'file', file: fs[0], name: fs[0].name });
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
    const fs = [...(ev.dataTransfer?.files ?? [])];
    const f = fs[0];
    if (fs.length > 1) void openSeries(fs);
    else if (f) void open({ kind: 'file', file: f, name: f.name });
    else {
      const text = ev.dataTransfer?.getData('text/plain') ?? '';
      if (text) openText(text);
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
    if (text) openText(text);
  }
  root.dataset.ready = 'true';
}
