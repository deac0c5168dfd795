/**
 * A killed server leaves its cgroups under /sys/fs/cgroup; the next server removes those whose
 * owner is dead and empty, never a live server's (round 4 of the red team).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { removeStaleCgroups } from '../../server/sandbox.ts';
import { requireOrSkip } from '../require.ts';

const PARENT = '/sys/fs/cgroup/pids';

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

describe('stale run cgroups', () => {
  it('removes a dead server’s empty cgroups and keeps a live one’s', (ctx) => {
    requireOrSkip(process.getuid?.() === 0 && writable(PARENT), `needs root and cgroup v1 pids at ${PARENT}`, ctx);
    const dead = spawnSync('true').pid!;
    const stale = `${PARENT}/leaklab-${dead}-0badc0de`;
    const live = `${PARENT}/leaklab-${process.ppid}-0badc0de`;
    mkdirSync(stale);
    mkdirSync(`${stale}/run-1`);
    mkdirSync(live);
    try {
      removeStaleCgroups(PARENT);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      for (const d of [`${stale}/run-1`, stale, live]) if (existsSync(d)) rmdirSync(d);
    }
  });
});
