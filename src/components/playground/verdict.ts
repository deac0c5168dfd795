/**
 * Renders the leak verdict, a projection of the dump model (src/lib/dump): a headline that counts
 * what the runtime proved and what is merely blocked separately ("3 proven leaks · 2 blocked at
 * exit"), with the inspector's and the CLI's words (src/i18n/strings/leaks.ts) and colours, then
 * the goroutines grouped by stack ("2 × chan send — first-leak.go:14 main.producer"); each
 * location is a button that takes the editor to that line.
 */
import { format, type Locale } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';
import { classLabel, countText, leakText } from '../../i18n/strings/leaks.ts';
import type { LeakVerdict } from '../../lib/runner/index.ts';
import { verdictSummary, type VerdictLine } from '../../lib/dump/program.ts';

export interface VerdictActions {
  onFrame(file: string, line: number): void;
  /** The name the learner sees for `prog.go` (the snippet's title), when it has one. */
  fileName?: string;
  /** The chapter section that explains the goroutineleak profile. */
  whatsThis: string;
  /** Offered when this Go cannot prove leaks and the server has a newer one. */
  newerGo?: { release: string; use(): void };
}

// The verdict's marks are the viewer's chips: the class's label, red when proven, orange otherwise.
type Kind = 'leaked' | 'blocked';

function mark(line: VerdictLine, locale: Locale): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `lp-mark lp-mark-${line.kind === 'proven' ? 'leaked' : 'blocked'}`;
  span.dataset.class = line.cls;
  span.textContent = classLabel(line.cls, locale);
  return span;
}

function count(kind: Kind, n: number, locale: Locale): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `lp-count lp-count-${kind}`;
  span.dataset.kind = kind;
  span.dataset.count = String(n);
  span.textContent = countText(locale, kind === 'leaked' ? 'proven' : 'blockedAtExit', n);
  return span;
}

export function renderVerdict(
  host: HTMLElement,
  verdict: LeakVerdict,
  t: PlaygroundStrings,
  locale: Locale,
  actions: VerdictActions,
): void {
  const box = document.createElement('div');
  // `leaked` is the count; `goroutines` can be empty when they were busy on the CPU (no stacks).
  const summary = verdictSummary(verdict);
  const { total, proven } = summary;
  box.className = total === 0 ? 'lp-verdict-ok' : 'lp-verdict-leak';
  box.dataset.leaked = String(total);
  const head = document.createElement('p');
  head.className = 'lp-verdict-head';
  if (total === 0) head.textContent = leakText(locale, 'noneLeft');
  else {
    if (proven !== null) head.append(count('leaked', proven, locale), ' · ');
    head.append(count('blocked', summary.blocked, locale), ' ');
    const what = document.createElement('a');
    what.className = 'lp-verdict-what';
    what.href = actions.whatsThis;
    what.textContent = t.verdictWhatsThis;
    // In an embed (a workshop's slides, another site), the chapter opens beside the exercise
    // instead of replacing it inside the frame.
    if (window.self !== window.top) {
      what.target = '_blank';
      what.rel = 'noopener';
    }
    head.append(what);
  }
  box.append(head);
  if (verdict.reason === 'busy' && total > 0) box.append(note(t.verdictBusy));
  if (verdict.proven === null && summary.blocked > 0) {
    const p = note(t.verdictCannotProve);
    if (actions.newerGo) {
      const use = document.createElement('button');
      use.type = 'button';
      use.className = 'lp-btn';
      use.dataset.action = 'newer-go';
      use.textContent = format(t.verdictUseNewerGo, { release: actions.newerGo.release });
      use.addEventListener('click', (e) => {
        // The element's delegated handler would treat this as a toolbar action.
        e.stopPropagation();
        actions.newerGo?.use();
      });
      p.append(' ', use);
    }
    box.append(p);
  }

  if (verdict.goroutines.length > 0) {
    const list = document.createElement('ul');
    for (const line of summary.lines) {
      const { at } = line;
      const item = document.createElement('li');
      item.dataset.kind = line.kind === 'proven' ? 'leaked' : 'blocked';
      item.append(mark(line, locale), ' ', `${line.count} × ${line.state}`);
      if (at.line > 0) {
        item.append(' — ');
        // Program files are named bare (prog.go); library frames keep their path.
        const own = verdict.files.includes(at.file);
        const where = document.createElement(own ? 'button' : 'span');
        where.className = 'lp-link';
        const shown = at.file === 'prog.go' && actions.fileName ? actions.fileName : at.file.split('/').pop();
        where.textContent = `${shown}:${at.line}`;
        if (where instanceof HTMLButtonElement) {
          where.type = 'button';
          where.title = format(t.goToLine, { line: at.line });
          where.addEventListener('click', (e) => {
            e.stopPropagation();
            actions.onFrame(at.file, at.line);
          });
        }
        item.append(where, ` ${at.func}`);
      }
      list.append(item);
    }
    box.append(list);
  }
  host.replaceChildren(box);
}

function note(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = 'lp-verdict-note';
  p.textContent = text;
  return p;
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
