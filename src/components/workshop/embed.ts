/**
 * Embedded exercise → host page messages. The exercise widget dispatches bubbling DOM events
 * (`leaklab:run`, `leaklab:passed`, `leaklab:failed`); each becomes a postMessage to the parent:
 * `{ source: 'leaklab', type, exercise, detail }`. Also `ready` once loaded and `resize` when
 * the page's height changes. Messages carry no secrets, so they go to any origin ('*'); hosts
 * should check `event.origin`.
 */
import '../progress/learner.ts';

export type EmbedEventType = 'ready' | 'run' | 'passed' | 'failed' | 'resize';

export interface EmbedMessage {
  source: 'leaklab';
  type: EmbedEventType;
  exercise: string;
  detail: Record<string, string | number | boolean | null>;
}

const exercise = document.body.dataset.exercise ?? '';

function post(type: EmbedEventType, detail: EmbedMessage['detail'] = {}): void {
  const message: EmbedMessage = { source: 'leaklab', type, exercise, detail };
  if (window.parent !== window) window.parent.postMessage(message, '*');
  // Also observable in the page itself (tests, and a page opened without a host).
  dispatchEvent(new CustomEvent('leaklab:message', { detail: message }));
}

/** Only plain values cross: DOM nodes and functions in an event's detail are dropped. */
function plain(detail: unknown): EmbedMessage['detail'] {
  const out: EmbedMessage['detail'] = {};
  if (detail && typeof detail === 'object') {
    for (const [k, v] of Object.entries(detail)) {
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as string | number | boolean | null;
    }
  }
  return out;
}

for (const type of ['run', 'passed', 'failed'] as const) {
  addEventListener(`leaklab:${type}`, (e) => post(type, plain((e as CustomEvent).detail)));
}

/**
 * The content's own height, not the document's: scrollHeight never drops below the iframe's
 * current height, so an iframe sized too tall would never be told to shrink.
 */
const main = document.querySelector('main')!;
const contentHeight = () =>
  Math.ceil(main.getBoundingClientRect().height + parseFloat(getComputedStyle(document.body).marginBottom || '0'));
let lastHeight = 0;
const reportHeight = () => {
  const height = contentHeight();
  if (height !== lastHeight) {
    lastHeight = height;
    post('resize', { height });
  }
};
lastHeight = contentHeight();
post('ready', { locale: document.body.dataset.locale ?? 'en', height: lastHeight });
new ResizeObserver(reportHeight).observe(main);
