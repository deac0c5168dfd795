/** What the learner reads after Check: one message per outcome of the exercise check. */
import { format } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';
import type { CheckReason } from '../../lib/content/check.ts';

export interface CheckFacts {
  /** The program's exit status. */
  status: number;
  /** The exit status the exercise expects. */
  expected: number;
  /** Goroutines left behind. */
  leaked: number;
}

const MESSAGES: Record<CheckReason, (t: PlaygroundStrings, f: CheckFacts) => string> = {
  passed: (t) => t.checkPassed,
  build: (t) => t.checkBuild,
  timeout: (t) => t.timedOut,
  tests: (t) => t.checkOutput,
  status: (t, f) => format(t.checkStatus, { status: f.status, expected: f.expected }),
  output: (t) => t.checkOutput,
  leaked: (t, f) => format(t.checkLeaked, { count: f.leaked }),
};

export function checkMessage(reason: CheckReason, t: PlaygroundStrings, facts: CheckFacts): string {
  return MESSAGES[reason](t, facts);
}
