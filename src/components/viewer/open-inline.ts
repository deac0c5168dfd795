/**
 * Opens the dump viewer (groups and creator tree) inside a lesson, under the Playground that ran
 * the program, without navigating. The Playground imports this module dynamically when the learner
 * presses "Inspect", so none of the viewer's JS or CSS weighs on lesson pages before that.
 */
import css from './viewer.css?inline';
import type { Locale } from '../../i18n/index.ts';
import { format, localePrefix } from '../../i18n/index.ts';
import { viewerStrings } from '../../i18n/strings/viewer.ts';
import { HANDOFF_KEY, h, injectCss } from './dom.ts';
import { createParseClient } from './worker-client.ts';
import { createViewer, errorText } from './viewer-ui.ts';

export interface InlineViewerOptions {
  locale: Locale;
  /** Called with the lesson file name (`prog.go`) and line when a frame of the program is clicked. */
  onFrameClick?: (file: string, line: number) => void;
}

export function openInlineViewer(container: HTMLElement, dumpText: string, opts: InlineViewerOptions): { close(): void } {
  injectCss('llv-css', css);
  const s = viewerStrings[opts.locale];
  const client = createParseClient(opts.locale);
  const viewer = createViewer({ locale: opts.locale, strings: s, client, withDiff: false, onFrameClick: opts.onFrameClick, openFew: true });
  const status = h('p', { class: 'llv-status', role: 'status' }, format(s.parsing, { name: 'prog.go' }));
  const root = h(
    'section',
    { class: 'not-content llv-root llv-inline', 'aria-label': s.inlineTitle, 'data-llv-inline': '' },
    // No close button of its own: the host (the Playground's Inspect toggle) owns open and close.
    h(
      'div',
      { class: 'llv-inline-head' },
      h('p', { class: 'llv-inline-title' }, s.inlineTitle),
      h('a', { href: `${localePrefix(opts.locale)}/dump/#${HANDOFF_KEY}` }, s.openFullViewer),
    ),
    status,
    viewer.element,
  );
  container.append(root);
  // The full viewer picks the dump up from sessionStorage: nothing leaves the browser.
  root.querySelector('a')!.addEventListener('click', () => {
    try {
      sessionStorage.setItem(HANDOFF_KEY, dumpText);
    } catch {
      // Storage full or disabled: the viewer page opens empty.
    }
  });

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    client.terminate();
    root.remove();
  };

  client.parse('main', { kind: 'text', text: dumpText, name: 'prog.go' }).then(
    (r) => {
      if (closed) return;
      // The summary says it all; the line only speaks while loading or on errors.
      status.textContent = '';
      status.hidden = true;
      viewer.show(r, 'prog.go');
    },
    (e: unknown) => {
      if (closed) return;
      status.classList.add('is-error');
      status.textContent = errorText(e, s);
    },
  );
  return { close };
}
