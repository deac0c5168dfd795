/** Program output on its way to xterm: colours stay, terminal control does not, across chunk splits. */
import { describe, expect, it } from 'vitest';
import { createTerminalFilter, terminalSafe } from '../../src/lib/runner/terminal-safe.ts';

const E = '\x1b';

describe('terminalSafe', () => {
  it('keeps text, newlines, carriage returns, tabs and SGR colours', () => {
    const s = `plain\ttab\r\n${E}[31mred${E}[0m ${E}[1;38;5;208mbold orange${E}[m ${E}[38:2::255:0:0mrgb${E}[0m\n`;
    expect(terminalSafe(s)).toBe(s);
    expect(terminalSafe('héllo, 世界 🎉')).toBe('héllo, 世界 🎉');
  });

  it('drops clear-screen, cursor moves and private modes (a fake "Program exited." over the real one)', () => {
    expect(terminalSafe(`a${E}[2J${E}[H${E}[3;1Hb${E}[?25l${E}[?1049h${E}[Kc`)).toBe('abc');
    expect(terminalSafe(`x${E}[1Ay${E}[10D`)).toBe('xy');
    expect(terminalSafe(`${E}[>4;1m${E}[?1m${E}[1$m`)).toBe('');
  });

  it('drops OSC strings: titles, OSC 8 hyperlinks, clipboard writes, with BEL or ST', () => {
    expect(terminalSafe(`${E}]0;owned title\x07after`)).toBe('after');
    expect(terminalSafe(`${E}]8;;https://evil.example\x07click${E}]8;;\x07 me`)).toBe('click me');
    expect(terminalSafe(`${E}]8;;https://evil.example${E}\\link${E}]8;;${E}\\`)).toBe('link');
    expect(terminalSafe(`${E}]52;c;cm0gLXJmIH4=\x07ok`)).toBe('ok');
  });

  it('drops DCS, SOS, PM, APC and their 8-bit C1 forms', () => {
    expect(terminalSafe(`${E}Pq#0;2;0;0;0${E}\\a${E}Xsos${E}\\b${E}^pm${E}\\c${E}_apc${E}\\d`)).toBe('abcd');
    expect(terminalSafe('\x9b2Ja\x9d0;t\x07b\x90dcs\x9cc\x9b31md')).toBe(`a` + 'bc' + `${E}[31md`);
  });

  it('drops other controls: backspace, bell, DEL, NUL, vertical tab, form feed, C1', () => {
    expect(terminalSafe('a\bb\x07c\x7fd\0e\x0bf\x0cg\x85h\x8di')).toBe('abcdefghi');
    expect(terminalSafe(`${E}7${E}8${E}c${E}(0${E}#8x`)).toBe('x');
  });

  it('is stateful across chunk boundaries, at every split point', () => {
    const s = `ok ${E}[31mred${E}[0m ${E}]8;;https://evil.example${E}\\link${E}]8;;\x07 ${E}[2Jgone\n`;
    const whole = terminalSafe(s);
    expect(whole).toBe(`ok ${E}[31mred${E}[0m link gone\n`);
    for (let i = 0; i <= s.length; i++) {
      const f = createTerminalFilter();
      expect(f.write(s.slice(0, i)) + f.write(s.slice(i)) + f.flush(), `split at ${i}`).toBe(whole);
    }
    const f = createTerminalFilter();
    expect([...s].map((c) => f.write(c)).join('')).toBe(whole);
  });

  it('drops an unfinished sequence at the end, and an overlong SGR', () => {
    const f = createTerminalFilter();
    expect(f.write(`a${E}[31`)).toBe('a');
    expect(f.flush()).toBe('');
    expect(f.write('b')).toBe('b');
    expect(terminalSafe(`${E}[${'1;'.repeat(100)}mx`)).toBe('x');
  });

  it('a control inside a CSI ends it and still counts (newline kept, CAN swallowed)', () => {
    expect(terminalSafe(`${E}[3\nx`)).toBe('\nx');
    expect(terminalSafe(`${E}[3\x18x`)).toBe('x');
  });
});
