/**
 * Opens a goroutine dump next to the run that produced it. Uses the dump viewer's inline mode when
 * that module exists in the build; until then the raw dump is shown, with the same call site.
 */
import type { Locale } from '../../i18n/index.ts';

export interface Inspector {
  close(): void;
}

interface InlineViewerModule {
  openInlineViewer(
    container: HTMLElement,
    dumpText: string,
    opts: { locale: Locale; onFrameClick?: (file: string, line: number) => void },
  ): { close(): void };
}

// A glob, not a plain import(), so the build does not fail while the viewer is not written yet.
const viewers = import.meta.glob<InlineViewerModule>('../viewer/open-inline.ts');

export async function openInspector(
  container: HTMLElement,
  dump: string,
  opts: { locale: Locale; onFrameClick?: (file: string, line: number) => void; onClosed?: () => void },
): Promise<Inspector> {
  container.hidden = false;
  const load = viewers['../viewer/open-inline.ts'];
  if (load) {
    const viewer = (await load()).openInlineViewer(container, dump, opts);
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
  const pre = document.createElement('pre');
  pre.className = 'lp-raw-dump';
  pre.tabIndex = 0;
  pre.textContent = dump;
  container.replaceChildren(pre);
  bringIntoView(container);
  return {
    close() {
      container.replaceChildren();
      container.hidden = true;
    },
  };
}

/**
 * The viewer opens under the output, often below the fold: the learner pressed Inspect to look at
 * it, so show its top (the page's scroll-padding keeps it clear of Starlight's fixed header).
 */
function bringIntoView(container: HTMLElement) {
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  container.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
}
