/** What the Astro components hand to the browser widget, as JSON in `data-config`. */
import type { Locale } from '../../i18n/index.ts';
import type { PlaygroundStrings } from '../../i18n/strings/playground.ts';

import type { ExerciseCheck } from '../../lib/content/schema.ts';
export type { ExerciseCheck };

export interface ExerciseConfig {
  hints: string[];
  solution: string;
  check: ExerciseCheck;
}

export interface ClientConfig {
  /** Key for saved edits and passes: the program path (`01-what-is-a-leak/first-leak`) or exercise id. */
  id: string;
  kind: 'program' | 'exercise';
  /** The lesson's code, restored by Reset. */
  original: string;
  leakCheck: boolean;
  /** The name the snippet shows for its one file, which Go calls prog.go (verdicts cite it). */
  fileName?: string;
  locale: Locale;
  strings: PlaygroundStrings;
  exercise?: ExerciseConfig;
}
