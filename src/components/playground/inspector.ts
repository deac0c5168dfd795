/**
 * Opens a goroutine dump next to the run that produced it, in the dump viewer's inline mode. The
 * viewer (and its CSS) is imported only when the learner presses Inspect.
 */
import type { Locale } from '../../i18n/index.ts';
import { coveredTop } from './in-view.ts';

export interface Inspector {
  close(): void;
}

export async function openInspector(
  container: HTMLElement,
  dump: string,
  opts: { locale: Locale; onFrameClick?: (file: string, line: number) => void; onClosed?: () => void },
): Promise<Inspector> {
  container.hidden = false;
  const { openInlineViewer } = await import('../viewer/open-inline.ts');
  const viewer = openInlineViewer(container, dump, opts);
  // The viewer has its own close button; tell the caller so its Inspect toggle resets.
  const watch = new MutationObserver(() => {
    if (container.childElementCount === 0) {
      watch.disconnect();
      container.hidden = true;
      opts.onClosed?.();
    }
  });
  watch.observe(container, { childList: true });
  bringIntoView(container);
  return {
    close() {
      watch.disconnect();
      viewer.close();
      container.replaceChildren();
      container.hidden = true;
    },
  };
}

/**
 * The viewer opens under the output, often below the fold: the learner pressed Inspect to look at
 * it, so show its top, below Starlight's fixed bars and below the code when the code is pinned
 * above it (run-layout.css), so a stack and the line it cites are on screen together. The Inspect
 * toggle, which keeps the focus, stays on screen too, just above the viewer.
 */
function bringIntoView(container: HTMLElement) {
  requestAnimationFrame(() => {
    const snippet = container.closest('.lp');
    const main = snippet?.querySelector<HTMLElement>('.lp-main');
    const box = container.getBoundingClientRect();
    const mainBox = main?.getBoundingClientRect();
    const pinnedAbove = main && mainBox && getComputedStyle(main).position === 'sticky' && mainBox.bottom <= box.top + 1;
    const focused = document.activeElement;
    const toggleTop = focused && snippet?.contains(focused) ? focused.getBoundingClientRect().top : Infinity;
    const anchor = toggleTop < box.top && box.top - toggleTop < innerHeight / 3 ? toggleTop : box.top;
    const top = coveredTop() + (pinnedAbove ? mainBox.height : 0) + 8;
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (Math.abs(anchor - top) > 1) scrollBy({ top: anchor - top, behavior: reduce ? 'auto' : 'smooth' });
  });
}
