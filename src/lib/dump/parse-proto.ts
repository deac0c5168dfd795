/**
 * The binary goroutine profile (`/debug/pprof/goroutine`, `WriteTo(w, 0)`): gzip'd protobuf.
 * Each sample is one distinct stack with a count; there are no ids, states or creators, so the
 * state is inferred from the runtime frames, which the proto keeps (debug=1 drops them).
 */
import { gunzipSync } from 'fflate';
import { Profile } from 'pprof-format';
import type { Dump, Frame, Goroutine, ParseWarning } from './model.ts';
import { inferState } from './infer-state.ts';

export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Decodes a (possibly gzip'd) goroutine profile; null when the bytes are not a profile at all. */
export function parseProto(bytes: Uint8Array): Dump | null {
  const warnings: ParseWarning[] = [];
  let raw = bytes;
  if (isGzip(bytes)) {
    try {
      raw = gunzipSync(bytes);
    } catch (e) {
      // A cut-off download still has a readable start; fflate refuses it, so say what happened.
      return {
        format: 'pprof-proto',
        total: 0,
        goroutines: [],
        warnings: [{ message: `could not decompress the gzip'd profile: ${(e as Error).message}` }],
        leaked: null,
      };
    }
  }
  let p: Profile;
  try {
    p = Profile.decode(raw);
  } catch {
    return null;
  }
  const strings = p.stringTable.strings;
  const str = (i: number | bigint): string => strings[Number(i)] ?? '';
  const funcs = new Map<number, { name: string; file: string }>();
  for (const f of p.function) funcs.set(Number(f.id), { name: genericsAsTraceback(str(f.name)), file: str(f.filename) });
  const locs = new Map<number, Frame[]>();
  for (const l of p.location) {
    const frames: Frame[] = [];
    // Inlined calls share a location; the last line is the caller the earlier ones were inlined into.
    for (let k = 0; k < l.line.length; k++) {
      const ln = l.line[k];
      const fn = funcs.get(Number(ln.functionId));
      const fr: Frame = { func: fn?.name ?? '??', file: fn?.file ?? '', line: Number(ln.line) };
      if (k < l.line.length - 1) fr.inlined = true;
      frames.push(fr);
    }
    locs.set(Number(l.id), frames);
  }
  const types = p.sampleType.map((t) => str(t.type));
  // Go 1.26+ `goroutineleak`: the same samples, restricted to goroutines the GC proved leaked.
  const leakProfile = types.includes('goroutineleak');
  if (p.sample.length > 0 && !types.includes('goroutine') && !leakProfile) {
    warnings.push({ message: `not a goroutine profile (sample types: ${types.join(', ') || 'none'}); showing its stacks anyway` });
  }
  const goroutines: Goroutine[] = [];
  let total = 0;
  for (const s of p.sample) {
    const frames: Frame[] = [];
    for (const id of s.locationId) {
      const fs = locs.get(Number(id));
      if (fs) for (const f of fs) frames.push(f);
    }
    // runtime.goexit is the bottom of every stack; tracebacks hide it, so hide it here too.
    while (frames.length > 0 && frames[frames.length - 1].func === 'runtime.goexit') frames.pop();
    const count = Number(s.value[0] ?? 1);
    const g: Goroutine = {
      id: 0,
      state: inferState(frames),
      waitMinutes: null,
      lockedToThread: false,
      frames,
      elided: 0,
      createdBy: null,
      parentId: null,
      ancestors: [],
      count,
      stateInferred: true,
    };
    if (leakProfile) g.leaked = true;
    if (s.label.length > 0) {
      const labels: Record<string, string> = {};
      for (const lb of s.label) labels[str(lb.key)] = Number(lb.str) !== 0 ? str(lb.str) : String(lb.num);
      g.labels = labels;
    }
    goroutines.push(g);
    total += count;
  }
  return { format: 'pprof-proto', total, goroutines, warnings, leaked: leakProfile ? total : null, stats: { lines: 0, frames: locs.size } };
}

/**
 * Profiles name instantiations (`main.Map[go.shape.int]`); tracebacks print `main.Map[...]`.
 * Using the traceback spelling lets one leak group the same way whichever format it came from.
 */
function genericsAsTraceback(name: string): string {
  if (name.indexOf('[') < 0) return name;
  let out = '';
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '[') {
      if (depth === 0) out += '[...';
      depth++;
    } else if (c === ']') {
      depth--;
      if (depth === 0) out += ']';
    } else if (depth === 0) out += c;
  }
  return out;
}
