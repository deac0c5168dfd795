/**
 * Renders the leak verdict: a headline and the leaked goroutines grouped by wait state and the
 * first frame in the learner's own code ("2 × chan send — prog.go:14 main.producer"); each
 * location is a button that takes the editor to that line.
 */
import { format } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';
import { groupLeaks, type LeakVerdict } from '../../lib/runner/index.ts';

/**
 * Contract 5 (runner → playground): `proven` is how many goroutines the runtime's goroutineleak
 * profile marked leaked (null when the toolchain has none or the check did not apply), and each
 * goroutine says whether it was one of them. Read defensively: older runners send neither.
 */
type Proven = { proven?: number | null; goroutines: (LeakVerdict['goroutines'][number] & { leaked?: boolean })[] };

const LEAKED_MARK = /\s*\(leaked\)/;

export function renderVerdict(
  host: HTMLElement,
  verdict: Pick<LeakVerdict, 'leaked' | 'reason'> & Proven,
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

  const proven = typeof verdict.proven === 'number' ? verdict.proven : null;
  if (proven !== null && count > 0) {
    const blocked = Math.max(0, count - proven);
    const split = document.createElement('ul');
    split.className = 'lp-verdict-split';
    for (const [n, one, many, kind] of [
      [proven, t.verdictProvenOne, t.verdictProven, 'leaked'],
      [blocked, t.verdictStillBlockedOne, t.verdictStillBlocked, 'blocked'],
    ] as const) {
      if (n === 0) continue;
      const li = document.createElement('li');
      li.dataset.kind = kind;
      li.textContent = n === 1 ? one : format(many, { count: n });
      split.append(li);
    }
    box.append(split);
  }

  if (verdict.goroutines.length > 0) {
    const list = document.createElement('ul');
    const leakedIds = new Set(verdict.goroutines.filter((g) => g.leaked).map((g) => g.id));
    // The runtime's "(leaked)" mark moves to a chip; a trailing space on proven ones keeps proven
    // and merely blocked goroutines at the same line in separate groups.
    const groups = groupLeaks(verdict.goroutines.map((g) => ({ ...g, state: g.state.replace(LEAKED_MARK, '') + (g.leaked ? ' ' : '') })));
    for (const g of groups) {
      const item = document.createElement('li');
      if (proven !== null) {
        const leaked = g.ids.every((id) => leakedIds.has(id));
        const mark = document.createElement('span');
        mark.className = `lp-mark lp-mark-${leaked ? 'leaked' : 'blocked'}`;
        mark.textContent = leaked ? t.leakedMark : t.blockedMark;
        item.dataset.kind = leaked ? 'leaked' : 'blocked';
        item.append(mark, ' ');
      }
      item.append(`${g.ids.length} × ${g.state.trim()}`);
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
