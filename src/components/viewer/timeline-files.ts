/**
 * Several chosen or dropped files as one series: which are goroutine dumps and which are
 * goroutineleak profiles (as `leaklab watch --save` names them), and in what order they were taken.
 * Pure (no DOM), so the ordering is tested without a browser.
 */

export interface NamedFile {
  name: string;
  lastModified: number;
}

export interface SampleFiles<F extends NamedFile> {
  time: number;
  file: F;
  /** The goroutineleak profile saved with it, if any. */
  leak: F | null;
}

/** `goroutine-2026-12-08T00-14-39.158Z.txt` → its time; null for names without one. */
export function timeFromName(name: string): number | null {
  const m = /(\d{4}-\d\d-\d\d)T(\d\d)-(\d\d)-(\d\d)(\.\d+)?Z/.exec(name);
  if (!m) return null;
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] ?? ''}Z`);
  return Number.isNaN(t) ? null : t;
}

const isLeakProfile = (name: string) => /goroutineleak/i.test(name);

/**
 * Samples in time order: the time in the name when every goroutine file has one (a saved series),
 * else the files' modification times, else the order given. A goroutineleak file pairs with the
 * goroutine file of the same time.
 */
export function orderSamples<F extends NamedFile>(files: readonly F[]): SampleFiles<F>[] {
  const dumps = files.filter((f) => !isLeakProfile(f.name));
  const leaks = new Map<number, F>();
  for (const f of files) {
    const t = timeFromName(f.name);
    if (isLeakProfile(f.name) && t !== null) leaks.set(t, f);
  }
  const named = dumps.every((f) => timeFromName(f.name) !== null);
  const out = dumps.map((file, i) => {
    const t = named ? timeFromName(file.name)! : file.lastModified;
    return { time: t, file, leak: named ? (leaks.get(t) ?? null) : null, i };
  });
  out.sort((a, b) => a.time - b.time || a.i - b.i);
  return out.map(({ time, file, leak }) => ({ time, file, leak }));
}
