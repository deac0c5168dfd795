/**
 * Renders the leak verdict: a headline and the leaked goroutines grouped by wait state and the
 * first frame in the learner's own code ("2 × chan send — prog.go:14 main.producer").
 */
import { format } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';

export interface LeakedGoroutine {
  id: number;
  state: string;
  top: { func: string; file: string; line: number } | null;
}

export interface VerdictGroup {
  count: number;
  state: string;
  func: string;
  file: string;
  line: number;
}

/** Groups goroutines that wait in the same state at the same place, biggest group first. */
export function groupLeaks(goroutines: LeakedGoroutine[]): VerdictGroup[] {
  const groups = new Map<string, VerdictGroup>();
  for (const g of goroutines) {
    const file = g.top?.file.split('/').pop() ?? '';
    const key = `${g.state}\0${file}\0${g.top?.line ?? 0}\0${g.top?.func ?? ''}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { count: 1, state: g.state, func: g.top?.func ?? '', file, line: g.top?.line ?? 0 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.line - b.line);
}

export function renderVerdict(
  host: HTMLElement,
  leaked: LeakedGoroutine[],
  t: PlaygroundStrings,
  actions: { onLine(line: number): void; onInspect?: () => void },
): void {
  const box = document.createElement('div');
  box.className = leaked.length === 0 ? 'lp-verdict-ok' : 'lp-verdict-leak';
  box.dataset.leaked = String(leaked.length);
  const head = document.createElement('p');
  head.className = 'lp-verdict-head';
  head.textContent =
    leaked.length === 0 ? t.verdictNone : leaked.length === 1 ? t.verdictOne : format(t.verdictMany, { count: leaked.length });
  box.append(head);

  if (leaked.length > 0) {
    const list = document.createElement('ul');
    for (const g of groupLeaks(leaked)) {
      const item = document.createElement('li');
      item.append(`${g.count} × ${g.state}`);
      if (g.line > 0) {
        item.append(' — ');
        const where = document.createElement(g.file === 'prog.go' ? 'button' : 'span');
        where.className = 'lp-link';
        where.textContent = `${g.file}:${g.line}`;
        if (where instanceof HTMLButtonElement) {
          where.type = 'button';
          where.setAttribute('aria-label', `${format(t.goToLine, { line: g.line })}: ${g.func}`);
          where.addEventListener('click', () => actions.onLine(g.line));
        }
        item.append(where, ` ${g.func}`);
      }
      list.append(item);
    }
    box.append(list);
  }
  if (actions.onInspect) box.append(inspectButton(t.inspect, actions.onInspect));
  host.replaceChildren(box);
}

export function inspectButton(label: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'lp-btn';
  button.dataset.action = 'inspect';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', (e) => {
    // The element's delegated handler would treat this as a toolbar action.
    e.stopPropagation();
    onClick();
  });
  return button;
}
