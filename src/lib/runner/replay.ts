/**
 * Turns Playground events into a display schedule. Fake time can span hours; the learner should
 * see that time passed (a `[+2h0m0s]` marker) without waiting for it, so real waits are scaled
 * down and capped so the whole replay takes about a second at most.
 */
import type { EventKind, PlaygroundEvent } from './protocol.ts';

export interface ReplayStep {
  /** Real milliseconds to wait before showing this step. */
  waitMs: number;
  /** `[+2h0m0s]` when the fake-time gap before this event is at least a second, else null. */
  marker: string | null;
  kind: EventKind;
  message: string;
}

export interface ReplayOptions {
  /** Upper bound for the sum of waits (default 1000 ms). */
  totalMs?: number;
  /** Upper bound for a single wait (default 250 ms). */
  maxStepMs?: number;
  /** Gaps shorter than this (ns) get no marker (default 1 s). */
  markerThresholdNs?: number;
}

const NS_PER_MS = 1e6;

/** Formats nanoseconds like Go's time.Duration.String(): 2h0m0s, 1.5s, 250ms, 3µs, 0s. */
export function formatGoDuration(ns: number): string {
  if (!Number.isFinite(ns)) return String(ns);
  const neg = ns < 0;
  let d = Math.round(Math.abs(ns));
  const sign = neg ? '-' : '';
  if (d === 0) return '0s';
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (d < 1000) return `${sign}${d}ns`;
  if (d < 1e6) return `${sign}${trim((d / 1e3).toFixed(3))}µs`;
  if (d < 1e9) return `${sign}${trim((d / 1e6).toFixed(6))}ms`;
  const h = Math.floor(d / 3.6e12);
  d -= h * 3.6e12;
  const m = Math.floor(d / 6e10);
  d -= m * 6e10;
  const s = trim((d / 1e9).toFixed(9)) + 's';
  if (h > 0) return `${sign}${h}h${m}m${s}`;
  if (m > 0) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}

export function replaySchedule(events: PlaygroundEvent[] | null, opts: ReplayOptions = {}): ReplayStep[] {
  const totalMs = opts.totalMs ?? 1000;
  const maxStepMs = opts.maxStepMs ?? 250;
  const threshold = opts.markerThresholdNs ?? 1e9;
  if (!events || events.length === 0) return [];
  // Each wait is its real duration capped per step; then everything is scaled to fit the total.
  const raw = events.map((e) => Math.min(Math.max(e.Delay, 0) / NS_PER_MS, maxStepMs));
  const sum = raw.reduce((a, b) => a + b, 0);
  const scale = sum > totalMs ? totalMs / sum : 1;
  return events.map((e, i) => ({
    waitMs: Math.round(raw[i] * scale),
    marker: e.Delay >= threshold ? `[+${formatGoDuration(e.Delay)}]` : null,
    kind: e.Kind,
    message: e.Message,
  }));
}
