/**
 * Renders the leak verdict: a headline and the leaked goroutines grouped by wait state and the
 * first frame in the learner's own code ("2 × chan send — prog.go:14 main.producer"); each
 * location is a button that takes the editor to that line.
 */
import { format } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';
import { groupLeaks, type LeakVerdict } from '../../lib/runner/index.ts';

export function renderVerdict(
  host: HTMLElement,
  verdict: Pick<LeakVerdict, 'leaked' | 'goroutines' | 'reason'>,
  t: PlaygroundStrings,
  actions: { onFrame(file: string, line: number): void; onInspect?: () => void },
): void {
  const box = document.createElement('div');
  // `leaked` is the count; `goroutines` can be empty when they were busy on the CPU (no stacks).
  const count = verdict.leaked;
  box.className = count === 0 ? 'lp-verdict-ok' : 'lp-verdict-leak';
  box.dataset.leaked = String(count);
  const head = document.createElement('p');
  head.className = 'lp-verdict-head';
  head.textContent = count === 0 ? t.verdictNone : count === 1 ? t.verdictOne : format(t.verdictMany, { count });
  box.append(head);
  if (verdict.reason === 'busy' && count > 0) {
    const note = document.createElement('p');
    note.className = 'lp-verdict-note';
    note.textContent = t.verdictBusy;
    box.append(note);
  }

  if (verdict.goroutines.length > 0) {
    const list = document.createElement('ul');
    for (const g of groupLeaks(verdict.goroutines)) {
      const item = document.createElement('li');
      item.append(`${g.ids.length} × ${g.state}`);
      const { file, line, func } = g.top;
      if (line > 0) {
        item.append(' — ');
        // The runner names the learner's files bare (prog.go); library frames keep their path.
        const own = !file.includes('/');
        const where = document.createElement(own ? 'button' : 'span');
        where.className = 'lp-link';
        where.textContent = `${file.split('/').pop()}:${line}`;
        if (where instanceof HTMLButtonElement) {
          where.type = 'button';
          where.title = format(t.goToLine, { line });
          where.addEventListener('click', (e) => {
            e.stopPropagation();
            actions.onFrame(file, line);
          });
        }
        item.append(where, ` ${func}`);
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
