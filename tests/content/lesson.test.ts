import { describe, expect, it } from 'vitest';
import { exerciseTask, lessonShape, readingMinutes } from '../../src/lib/content/lesson.ts';

const LESSON = `---
title: Channels
---
import Playground from '../../../src/components/Playground.astro';

## Send and receive

A send blocks until someone receives.

<Playground program="02-channels/unbuffered" title="Blocked" />

\`\`\`sh
# not a heading
<Playground program="not/real" />
\`\`\`

### Try it

Fix the **leak** in \`worker\`
so it returns.

<Exercise id="02-fix" />
`;

describe('lessonShape', () => {
  it('lists embeds and heading levels, ignoring fenced code', () => {
    expect(lessonShape(LESSON)).toEqual({
      playgrounds: ['02-channels/unbuffered'],
      playgroundProps: [],
      exercises: ['02-fix'],
      headings: 2,
      headingLevels: [2, 3],
    });
  });

  it('reports Playground props that belong in programs.json', () => {
    expect(lessonShape('<Playground program="a/b" leakCheck={false} />').playgroundProps).toEqual(['leakCheck']);
  });
});

describe('readingMinutes', () => {
  it('adds two minutes a program and ten an exercise to the reading time, in steps of five', () => {
    expect(readingMinutes(LESSON)).toBe(10);
    expect(readingMinutes('')).toBe(5);
  });
});

describe('exerciseTask', () => {
  it('takes the paragraphs between the last block boundary and the tag', () => {
    expect(exerciseTask(LESSON, '02-fix')).toEqual(['Fix the **leak** in `worker` so it returns.']);
    expect(exerciseTask(LESSON, 'missing')).toEqual([]);
  });

  it('joins Chinese lines without a space', () => {
    expect(exerciseTask('修复\n泄漏。\n\n<Exercise id="x" />', 'x')).toEqual(['修复泄漏。']);
  });
});
