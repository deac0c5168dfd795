/**
 * The program output pane: xterm.js, loaded on the first run. xterm draws rows that screen
 * readers cannot use (aria-hidden), so a plain-text transcript of the same output is kept next to
 * it for assistive technology and for copying.
 */
import { Terminal, type ITheme } from '@xterm/xterm';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import { createTerminalFilter } from '../../lib/runner/terminal-safe.ts';

const MAX_ROWS = 18;

const THEMES: Record<'dark' | 'light', ITheme> = {
  dark: {
    background: '#23262f',
    foreground: '#d6deeb',
    cursor: '#23262f',
    selectionBackground: '#1d3b53',
    red: '#ff7b85',
    brightRed: '#ff9aa2',
    green: '#22da6e',
    yellow: '#ffcb6b',
    brightBlack: '#8b9bb0',
  },
  light: {
    background: '#f6f7f9',
    foreground: '#403f53',
    cursor: '#f6f7f9',
    selectionBackground: '#e0e0e0',
    red: '#c01c28',
    brightRed: '#a51d2d',
    green: '#08916a',
    yellow: '#8a5a00',
    brightBlack: '#5f6b7a',
  },
};

const SGR = { reset: '\x1b[0m', red: '\x1b[31m', dim: '\x1b[90m', bold: '\x1b[1m' } as const;

export type OutputStyle = 'stdout' | 'stderr' | 'note' | 'error';

export interface OutputPane {
  clear(): void;
  write(text: string, style: OutputStyle): void;
  /** Resolves once everything written so far is parsed and the pane has its final height. */
  settled(): Promise<void>;
  dispose(): void;
}

let cssInjected = false;

function theme(): ITheme {
  return THEMES[document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'];
}

/**
 * Creates the pane inside `host`. `onFileLine` is called when the reader clicks a `prog.go:12`
 * reference in the output (build errors, panics); the caller decides whether it is the learner's.
 */
export function createOutputPane(
  host: HTMLElement,
  opts: { fontFamily: string; fontSize: number; onFileLine: (file: string, line: number, column: number) => void },
): OutputPane {
  if (!cssInjected) {
    const style = document.createElement('style');
    style.dataset.leaklab = 'xterm';
    style.textContent = xtermCss;
    document.head.append(style);
    cssInjected = true;
  }
  const screen = document.createElement('div');
  screen.className = 'lp-xterm';
  screen.setAttribute('aria-hidden', 'true');
  const transcript = document.createElement('pre');
  transcript.className = 'lp-transcript';
  transcript.dataset.transcript = '';
  host.replaceChildren(screen, transcript);

  const term = new Terminal({
    convertEol: true,
    disableStdin: true,
    cursorBlink: false,
    cursorStyle: 'bar',
    cursorWidth: 1,
    cursorInactiveStyle: 'none',
    fontFamily: opts.fontFamily,
    fontSize: opts.fontSize,
    lineHeight: 1.2,
    scrollback: 5000,
    rows: 1,
    cols: 80,
    theme: theme(),
    allowProposedApi: false,
  });
  term.open(screen);
  // The output is read-only; xterm's input textarea would only be a confusing tab stop.
  term.textarea?.setAttribute('tabindex', '-1');

  term.registerLinkProvider({
    provideLinks(y, callback) {
      const line = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
      const links = [...line.matchAll(/([\w.-]+\.go):(\d+)(?::(\d+))?/g)].map((m) => ({
        range: { start: { x: m.index + 1, y }, end: { x: m.index + m[0].length, y } },
        text: m[0],
        activate: () => opts.onFileLine(m[1]!, Number(m[2]), Number(m[3] ?? 1)),
      }));
      callback(links.length ? links : undefined);
    },
  });

  // Measured like xterm does, without reaching into its private render service.
  const ctx = document.createElement('canvas').getContext('2d');
  let cellWidth = 0;
  const fit = () => {
    if (!cellWidth && ctx) {
      ctx.font = `${opts.fontSize}px ${opts.fontFamily}`;
      cellWidth = ctx.measureText('W'.repeat(20)).width / 20;
    }
    const width = screen.clientWidth;
    if (!cellWidth || !width) return;
    const cols = Math.max(20, Math.floor(width / cellWidth));
    const buffer = term.buffer.active;
    // Keep every written line on screen (the cursor's empty line is the bottom padding).
    const rows = Math.min(MAX_ROWS, Math.max(1, buffer.baseY + buffer.cursorY + 1));
    if (cols !== term.cols || rows !== term.rows) term.resize(cols, rows);
    // Below the cap every line is on screen; a scrollbar there would only be noise.
    screen.toggleAttribute('data-full', rows >= MAX_ROWS);
  };
  const resizeObserver = new ResizeObserver(() => fit());
  resizeObserver.observe(screen);
  const themeObserver = new MutationObserver(() => {
    term.options.theme = theme();
  });
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  // Program output is hostile: only colours may reach xterm (no clear-screen, cursor moves, OSC 8 links).
  const safe = createTerminalFilter();
  return {
    clear() {
      safe.reset();
      term.reset();
      transcript.textContent = '';
      fit();
    },
    write(text, style) {
      const color = style === 'stderr' || style === 'error' ? SGR.red : style === 'note' ? SGR.dim : '';
      term.write(color ? color + safe.write(text) + SGR.reset : safe.write(text), fit);
      transcript.append(text);
    },
    settled() {
      return new Promise<void>((resolve) =>
        term.write('', () => {
          fit();
          resolve();
        }),
      );
    },
    dispose() {
      resizeObserver.disconnect();
      themeObserver.disconnect();
      term.dispose();
    },
  };
}
