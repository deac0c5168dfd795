/**
 * A snippet's output side: the terminal pane (xterm, imported on first use), the busy label, and
 * the list of Go diagnostics that jump to their line in the editor.
 */
import { format } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';
import type { EditorProblem } from './editor-types.ts';
import { parseProblems } from './runner-adapter.ts';
import type { OutputPane } from './terminal.ts';

export interface SessionOutput {
  /** The terminal pane, shown and created on first use. */
  pane(): Promise<OutputPane>;
  /** A label ("Running…") while something runs, null when idle. */
  setBusy(label: string | null, running: boolean): void;
  /** Lists the diagnostics in `text` (compiler, vet or gofmt output) as links to their lines. */
  showProblems(text: string, code: string, severity: EditorProblem['severity']): ReturnType<typeof parseProblems>;
  clearProblems(): void;
}

export function createSessionOutput(
  el: HTMLElement,
  t: PlaygroundStrings,
  onFileLine: (file: string, line: number, column?: number) => void,
  revealLine: (line: number, column?: number) => void,
): SessionOutput {
  const $ = <T extends HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
  const buttons = (action: string) => el.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  const outputBox = $('[data-output]');
  const busy = $('[data-busy]');
  const problemsBox = $('[data-problems]');
  const list = $('[data-problem-list]');
  let output: Promise<OutputPane> | null = null;

  return {
    pane() {
      outputBox.hidden = false;
      output ??= (async () => {
        const { createOutputPane } = await import('./terminal.ts');
        const metrics = getComputedStyle(el.querySelector('[data-term]')!);
        return createOutputPane($('[data-term]'), {
          fontFamily: metrics.fontFamily,
          fontSize: parseFloat(metrics.fontSize),
          onFileLine,
        });
      })();
      return output;
    },
    setBusy(label, running) {
      busy.textContent = label ?? '';
      el.dataset.busy = label ? 'true' : 'false';
      buttons('stop')!.disabled = !running;
      // aria-disabled, not disabled: a disabled button drops the focus to <body>, and a keyboard
      // user who pressed Run must still be on Run when the output arrives. Clicks are ignored meanwhile.
      for (const action of ['run', 'check', 'format']) {
        const b = buttons(action);
        if (b) b.setAttribute('aria-disabled', String(label !== null));
      }
    },
    showProblems(text, code, severity) {
      const problems = parseProblems(text, code, severity);
      for (const p of problems) {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'lp-link';
        b.dataset.line = String(p.line);
        // The whole diagnostic is the button, so its name is exactly what it shows.
        b.textContent = `${p.file}:${p.fileLine}:${p.column}: ${p.message}`;
        b.title = format(t.goToLine, { line: p.line });
        b.addEventListener('click', (e) => {
          e.stopPropagation();
          revealLine(p.line, p.column);
        });
        li.append(b);
        list.append(li);
      }
      if (problems.length) problemsBox.hidden = false;
      return problems;
    },
    clearProblems() {
      list.replaceChildren();
      problemsBox.hidden = true;
    },
  };
}
