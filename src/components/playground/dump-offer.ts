/**
 * The "Inspect" button under a verdict or a crash: opens the dump viewer inline on that dump
 * (imported on first use), and closes it again; at most one viewer per snippet.
 */
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';
import type { Locale } from '../../i18n/index.ts';
import { openInspector, type Inspector } from './inspector.ts';
import { inspectButton } from './verdict.ts';
import { bringIntoView } from './in-view.ts';

export interface DumpOffer {
  /** `onOpen` runs once the viewer shows (the session turns the code to the line the verdict cites). */
  offer(host: HTMLElement, dump: string, label: string, onOpen?: () => void): void;
  close(): void;
}

export function createDumpOffer(
  el: HTMLElement,
  locale: Locale,
  t: PlaygroundStrings,
  onFrameClick: (file: string, line: number) => void,
): DumpOffer {
  let inspector: Inspector | null = null;
  const close = () => {
    inspector?.close();
    inspector = null;
  };
  return {
    close,
    offer(host, dump, label, onOpen) {
      const collapse = () => {
        button.setAttribute('aria-expanded', 'false');
        button.textContent = label;
        // Back to the code the stacks were about; the focus stays on this toggle, beneath it (on
        // screen with the code wherever the editor shrinks to fit the result, run-layout.css).
        bringIntoView(el.querySelector('.lp-main') ?? el, 12, 'auto', 'start');
        button.focus({ preventScroll: true });
      };
      const button = inspectButton(label, () => {
        const box = el.querySelector<HTMLElement>('[data-inspector]')!;
        if (inspector) {
          close();
          collapse();
          return;
        }
        button.setAttribute('aria-expanded', 'true');
        button.textContent = t.hideInspect;
        void openInspector(box, dump, {
          locale,
          onFrameClick,
          onClosed: () => {
            inspector = null;
            collapse();
          },
        }).then((i) => {
          inspector = i;
          onOpen?.();
        });
      });
      host.append(button);
    },
  };
}
