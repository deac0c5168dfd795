/**
 * Go build and vet diagnostics (`./prog.go:12:5: msg`, `prog.go:3: msg`, `vet: prog.go:4:2: msg`)
 * turned into positions an editor can mark. Continuation lines (indented) join the previous message.
 */

export interface Diagnostic {
  file: string;
  line: number;
  /** 1-based byte column as Go prints it; 0 when Go gave none. */
  col: number;
  message: string;
}

const DIAG = /^(?:vet: )?(?:\.\/)?((?:[A-Za-z]:)?[^\s:][^:\n]*?\.go):(\d+)(?::(\d+))?: (.*)$/;

export function parseGoErrors(text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = DIAG.exec(raw);
    if (m) {
      out.push({ file: m[1], line: Number(m[2]), col: m[3] ? Number(m[3]) : 0, message: m[4] });
      continue;
    }
    const last = out[out.length - 1];
    if (last && /^\s+\S/.test(raw)) last.message += '\n' + raw.trim();
  }
  return out;
}

/**
 * Converts Go's byte column to a UTF-16 column (what Monaco uses) for a line of source.
 * Go counts bytes, so a line with non-ASCII text before the error would otherwise mark the wrong spot.
 */
export function byteColumnToUtf16(lineText: string, byteCol: number): number {
  if (byteCol <= 1) return Math.max(byteCol, 1);
  let bytes = 0;
  let units = 0;
  for (const ch of lineText) {
    if (bytes >= byteCol - 1) break;
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    units += ch.length;
  }
  return units + 1;
}
