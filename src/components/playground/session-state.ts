/**
 * The playground session's state, apart from its UI (as TutorialKit keeps a lesson's state in a
 * store): which job is in flight (a run, a check or a format; one at a time, a new one stops the
 * old), how many runs have finished, the last result, how many hints are shown. Plain TypeScript,
 * no DOM: session.ts drives the transitions and subscribes to paint them, and the unit tests
 * drive it alone (tests/playground/session-state.test.ts).
 */
export type JobKind = 'run' | 'check' | 'format';

/** One job: its kind and the signal that aborts it (Stop, a newer job, the element leaving the page). */
export interface Job {
  readonly kind: JobKind;
  readonly signal: AbortSignal;
}

export interface SessionState<R> {
  /** The job in flight, or null when idle. */
  readonly job: Job | null;
  /** Runs and checks finished, whatever their outcome (tests and embedding pages wait on it). */
  readonly runs: number;
  /** The result of the last run or check that finished with one (not stopped, not failed). */
  readonly lastResult: R | null;
  readonly hintsShown: number;
}

/** What just happened: a job started, a job finished (maybe one a newer job had replaced), a hint was shown. */
export type SessionChange<R> =
  { type: 'start'; job: Job } | { type: 'finish'; job: Job; result: R | null; current: boolean } | { type: 'hint'; shown: number };

export type SessionListener<R> = (state: SessionState<R>, change: SessionChange<R>) => void;

export interface SessionStore<R> {
  readonly state: SessionState<R>;
  subscribe(listener: SessionListener<R>): () => void;
  /** Starts a job, stopping the one in flight. */
  start(kind: JobKind): Job;
  /** A job ended: with a result, or null (stopped or failed). A replaced job leaves the newer one in flight. */
  finish(job: Job, result?: R | null): void;
  /** Stops the job in flight; its owner still calls `finish`. */
  stop(): void;
  /** One more hint is shown. */
  showHint(): void;
}

export function createSessionStore<R>(): SessionStore<R> {
  let state: SessionState<R> = { job: null, runs: 0, lastResult: null, hintsShown: 0 };
  const controllers = new WeakMap<Job, AbortController>();
  const listeners = new Set<SessionListener<R>>();
  const set = (next: SessionState<R>, change: SessionChange<R>) => {
    state = next;
    for (const l of [...listeners]) l(state, change);
  };
  const store: SessionStore<R> = {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(kind) {
      store.stop();
      const ac = new AbortController();
      const job: Job = { kind, signal: ac.signal };
      controllers.set(job, ac);
      set({ ...state, job }, { type: 'start', job });
      return job;
    },
    finish(job, result = null) {
      const current = state.job === job;
      const counted = job.kind !== 'format';
      set(
        {
          ...state,
          job: current ? null : state.job,
          runs: counted ? state.runs + 1 : state.runs,
          lastResult: counted && result !== null ? result : state.lastResult,
        },
        { type: 'finish', job, result, current },
      );
    },
    stop() {
      if (state.job) controllers.get(state.job)?.abort();
    },
    showHint() {
      set({ ...state, hintsShown: state.hintsShown + 1 }, { type: 'hint', shown: state.hintsShown + 1 });
    },
  };
  return store;
}
