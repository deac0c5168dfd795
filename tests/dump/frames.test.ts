// Frame kinds: one answer to "is this the program's code?" for the classifier (isUserFrame) and the
// viewer's frame colours and filters (frameKind).
import { describe, expect, it } from 'vitest';
import { frameKind, isUserFrame } from '../../src/lib/dump/frames.ts';

const f = (func: string, file = '/app/x.go') => ({ func, file, line: 1 });

describe('frameKind agrees with isUserFrame', () => {
  it.each([
    [f('main.worker'), 'user'],
    [f('github.com/acme/api.(*Server).handle'), 'user'],
    [f('net/http.(*conn).serve', '/usr/local/go/src/net/http/server.go'), 'std'],
    [f('runtime.gopark', '/usr/local/go/src/runtime/proc.go'), 'runtime'],
    // cgo frames are not user code: the classifier never points at them, the viewer files them with the library.
    [f('??', '??'), 'std'],
    [f('non-Go function', '?'), 'std'],
    [f('_cgo_topofstack', '?'), 'runtime'],
  ] as const)('%o is %s', (frame, kind) => {
    expect(frameKind(frame)).toBe(kind);
    expect(isUserFrame(frame)).toBe(kind === 'user');
  });
});
