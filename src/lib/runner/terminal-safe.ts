/**
 * Makes program output safe to hand to a terminal emulator (xterm.js): colours stay, everything
 * else that could steer the terminal goes. A program must not clear the screen, move the cursor
 * to overwrite the runner's own "Program exited." line, set the title, or plant OSC 8 hyperlinks.
 *
 * Kept: printable text, \n, \r, \t, and SGR (`ESC [ params m`, colours and styles).
 * Dropped: every other C0/C1 control (BS, BEL, DEL...), other CSI sequences, other ESC sequences,
 * and OSC/DCS/SOS/PM/APC strings up to their terminator.
 *
 * Stateful: a sequence split across chunks is held back until it is complete, so a chunk boundary
 * never lets half of a dropped sequence through.
 */

const ESC = 0x1b;
/** Longest SGR kept; longer parameter lists are dropped (no legitimate colour needs them). */
const MAX_SGR = 64;

type State = 'ground' | 'esc' | 'escInter' | 'csi' | 'csiIgnore' | 'string' | 'stringEsc';

export interface TerminalFilter {
  /** Filters one chunk; may hold back the start of an unfinished sequence. */
  write(chunk: string): string;
  /** Ends the stream: an unfinished sequence is dropped. */
  flush(): string;
  /** Forgets any held-back state (the terminal was cleared). */
  reset(): void;
}

export function createTerminalFilter(): TerminalFilter {
  let state: State = 'ground';
  let csi = '';

  const write = (chunk: string): string => {
    let out = '';
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      const c = ch.charCodeAt(0);
      switch (state) {
        case 'ground':
          if (c === 0x0a || c === 0x0d || c === 0x09) out += ch;
          else if (c === ESC) state = 'esc';
          else if (c === 0x9b) {
            state = 'csi';
            csi = '';
          } else if (c === 0x90 || c === 0x98 || c === 0x9d || c === 0x9e || c === 0x9f) state = 'string';
          else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            // Other C0/C1 controls: dropped.
          } else out += ch;
          break;
        case 'esc':
          if (c === 0x5b) {
            state = 'csi';
            csi = '';
          } else if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) state = 'string';
          else if (c === ESC) state = 'esc';
          else if (c >= 0x20 && c <= 0x2f) state = 'escInter';
          else if (c >= 0x30 && c <= 0x7e) state = 'ground';
          else {
            state = 'ground';
            i--; // a control ends the escape; handle it as ordinary input
          }
          break;
        case 'escInter':
          if (c >= 0x20 && c <= 0x2f) break;
          state = 'ground';
          if (c < 0x30 || c > 0x7e) i--;
          break;
        case 'csi':
        case 'csiIgnore':
          if (c >= 0x40 && c <= 0x7e) {
            if (state === 'csi' && c === 0x6d && /^[0-9;:]*$/.test(csi)) out += `\x1b[${csi}m`;
            state = 'ground';
            csi = '';
          } else if (c >= 0x20 && c <= 0x3f) {
            if (state === 'csi') {
              csi += ch;
              if (csi.length > MAX_SGR) state = 'csiIgnore';
            }
          } else {
            // A control (or anything else) inside a CSI aborts it.
            state = 'ground';
            csi = '';
            if (c !== 0x18 && c !== 0x1a) i--;
          }
          break;
        case 'string':
          if (c === 0x07 || c === 0x9c || c === 0x18 || c === 0x1a) state = 'ground';
          else if (c === ESC) state = 'stringEsc';
          break;
        case 'stringEsc':
          if (c === 0x5c) state = 'ground';
          else {
            // ESC followed by anything but '\' ends the string and starts a new escape.
            state = 'esc';
            i--;
          }
          break;
      }
    }
    return out;
  };

  const reset = () => {
    state = 'ground';
    csi = '';
  };
  return {
    write,
    flush() {
      reset();
      return '';
    },
    reset,
  };
}

/** One-shot form for a complete text. */
export function terminalSafe(text: string): string {
  return createTerminalFilter().write(text);
}
