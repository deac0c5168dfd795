/**
 * INTERIM leak check used until src/lib/runner ships its own (then this file goes away).
 * The learner's `func main()` is renamed in place (line numbers unchanged) and a second root
 * file calls it, waits like goleak (retries with backoff) and prints every goroutine still alive
 * between markers on stderr. Under the Playground's fake time the waits cost nothing.
 */
import type { PlaygroundEvent } from '../../lib/runner/protocol.ts';
import { parseDump } from '../../lib/dump/parse.ts';
import { userFrame } from '../../lib/dump/frames.ts';
import type { LeakedGoroutine } from './verdict.ts';

const BEGIN = '\n---LEAKLAB-GOROUTINES-BEGIN---\n';
const END = '\n---LEAKLAB-GOROUTINES-END---\n';
const HARNESS_FILE = 'leaklab_harness.go';
const HARNESS = `package main

import (
	"os"
	"runtime"
	"time"
)

func main() {
	leaklabMain()
	n := runtime.NumGoroutine()
	for i := 0; i < 20 && n > 1; i++ {
		d := time.Microsecond << i
		if d > 100*time.Millisecond {
			d = 100 * time.Millisecond
		}
		time.Sleep(d)
		n = runtime.NumGoroutine()
	}
	buf := make([]byte, 1<<20)
	k := runtime.Stack(buf, true)
	os.Stderr.WriteString(${JSON.stringify(BEGIN)} + string(buf[:k]) + ${JSON.stringify(END)})
}
`;

const MAIN = /^func main\(\) \{/m;

/** The program with the harness added, or null when it has no plain `func main()` to wrap. */
export function instrument(code: string): string | null {
  const firstMarker = code.search(/^-- .+ --$/m);
  const head = firstMarker < 0 ? code : code.slice(0, firstMarker);
  if (!MAIN.test(head) || /^-- leaklab_harness\.go --$/m.test(code)) return null;
  const renamed = head.replace(MAIN, 'func leaklabMain() {');
  const rest = firstMarker < 0 ? '' : code.slice(firstMarker);
  return `${renamed.replace(/\n?$/, '\n')}${rest.replace(/\n?$/, rest ? '\n' : '')}-- ${HARNESS_FILE} --\n${HARNESS}`;
}

/** Removes the harness's report from the events; returns the dump it printed, if it ran. */
export function extractReport(events: PlaygroundEvent[]): { events: PlaygroundEvent[]; dump: string | null } {
  const kept: PlaygroundEvent[] = [];
  let dump: string | null = null;
  let capturing = false;
  for (const ev of events) {
    if (ev.Kind !== 'stderr') {
      kept.push(ev);
      continue;
    }
    let msg = ev.Message;
    let out = '';
    while (msg) {
      if (!capturing) {
        const b = msg.indexOf(BEGIN);
        if (b < 0) {
          out += msg;
          break;
        }
        out += msg.slice(0, b);
        msg = msg.slice(b + BEGIN.length);
        capturing = true;
        dump = '';
      } else {
        const e = msg.indexOf(END);
        dump += e < 0 ? msg : msg.slice(0, e);
        if (e < 0) break;
        msg = msg.slice(e + END.length);
        capturing = false;
      }
    }
    if (out) kept.push({ ...ev, Message: out });
  }
  return { events: kept, dump };
}

/** Goroutines still alive in the harness's dump, except the harness itself. */
export function leakedGoroutines(dump: string): { leaked: LeakedGoroutine[]; dump: string } {
  const parsed = parseDump(dump);
  const leaked: LeakedGoroutine[] = [];
  const blocks: string[] = [];
  const texts = dump.split(/\n\s*\n/);
  for (const g of parsed.goroutines) {
    if (g.frames.some((f) => f.file.endsWith(HARNESS_FILE))) continue;
    const top = userFrame(g.frames) ?? g.frames[0] ?? null;
    leaked.push({ id: g.id, state: g.state, top: top ? { func: top.func, file: top.file.split('/').pop()!, line: top.line } : null });
    const text = texts.find((t) => t.trimStart().startsWith(`goroutine ${g.id} `));
    if (text) blocks.push(text.trim());
  }
  return { leaked, dump: blocks.join('\n\n') + (blocks.length ? '\n' : '') };
}
