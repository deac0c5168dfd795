// The playground session's state without a page: one job at a time, Stop, results and the run count.
import { describe, expect, it } from 'vitest';
import { createSessionStore, type SessionChange } from '../../src/components/playground/session-state.ts';

function recorded() {
  const store = createSessionStore<string>();
  const changes: SessionChange<string>[] = [];
  store.subscribe((_, c) => changes.push(c));
  return { store, changes };
}

describe('session state', () => {
  it('runs: start, then finish with a result, counts the run and goes idle', () => {
    const { store, changes } = recorded();
    const job = store.start('run');
    expect(store.state.job).toBe(job);
    store.finish(job, 'ok');
    expect(store.state).toEqual({ job: null, runs: 1, lastResult: 'ok', hintsShown: 0 });
    expect(changes.map((c) => c.type)).toEqual(['start', 'finish']);
  });

  it('stop aborts the job in flight; a stopped run still counts, without a result', () => {
    const { store } = recorded();
    const job = store.start('check');
    store.stop();
    expect(job.signal.aborted).toBe(true);
    store.finish(job, null);
    expect(store.state).toMatchObject({ job: null, runs: 1, lastResult: null });
  });

  it('a new job stops the old one, whose late finish leaves the new one in flight', () => {
    const { store, changes } = recorded();
    const first = store.start('run');
    const second = store.start('format');
    expect(first.signal.aborted).toBe(true);
    expect(second.signal.aborted).toBe(false);
    store.finish(first, null);
    expect(store.state.job).toBe(second);
    expect(changes.at(-1)).toMatchObject({ type: 'finish', current: false });
    store.finish(second);
    // A format is not a run.
    expect(store.state).toMatchObject({ job: null, runs: 1 });
  });

  it('keeps the last result across a stopped run, and counts hints', () => {
    const { store } = recorded();
    store.finish(store.start('run'), 'first');
    store.finish(store.start('run'), null);
    expect(store.state.lastResult).toBe('first');
    store.showHint();
    store.showHint();
    expect(store.state.hintsShown).toBe(2);
  });

  it('stop when idle does nothing; an unsubscribed listener hears no more', () => {
    const store = createSessionStore<string>();
    const seen: string[] = [];
    const off = store.subscribe((_, c) => seen.push(c.type));
    store.stop();
    off();
    store.start('run');
    expect(seen).toEqual([]);
  });
});
