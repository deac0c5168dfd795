/**
 * pprof debug=1 and proto profiles carry no wait reason, only stacks. The runtime function a
 * goroutine parked in says what it waits for, so we recover the reason the traceback would have
 * printed. debug=1 hides the runtime frames on top, so channel operations stay `unknown` there.
 */
import type { Frame } from './model.ts';

const BY_FUNC: Record<string, string> = {
  'runtime.chansend1': 'chan send',
  'runtime.chansend': 'chan send',
  'runtime.chanrecv1': 'chan receive',
  'runtime.chanrecv2': 'chan receive',
  'runtime.chanrecv': 'chan receive',
  'runtime.selectgo': 'select',
  'runtime.block': 'select (no cases)',
  'sync.(*Mutex).Lock': 'sync.Mutex.Lock',
  'sync.(*Mutex).lockSlow': 'sync.Mutex.Lock',
  'sync.(*RWMutex).RLock': 'sync.RWMutex.RLock',
  'sync.(*RWMutex).Lock': 'sync.RWMutex.Lock',
  'sync.(*WaitGroup).Wait': 'sync.WaitGroup.Wait',
  'sync.(*Cond).Wait': 'sync.Cond.Wait',
  'sync.runtime_Semacquire': 'semacquire',
  'time.Sleep': 'sleep',
  'internal/poll.runtime_pollWait': 'IO wait',
  'runtime.netpollblock': 'IO wait',
  'syscall.Syscall': 'syscall',
  'syscall.Syscall6': 'syscall',
  'syscall.RawSyscall6': 'syscall',
  'internal/runtime/syscall.Syscall6': 'syscall',
  'runtime.gcBgMarkWorker': 'GC worker (idle)',
  'runtime.bgsweep': 'GC sweep wait',
  'runtime.bgscavenge': 'GC scavenge wait',
  'runtime.runfinq': 'finalizer wait',
  'runtime.forcegchelper': 'force gc (idle)',
  'runtime.goroutineProfileWithLabels': 'running',
  'runtime/pprof.writeGoroutine': 'running',
  'runtime/pprof.runtime_goroutineProfileWithLabels': 'running',
  'runtime.Stack': 'running',
};

/** Looks at the innermost frames only: what a goroutine waits on is decided near the top of its stack. */
export function inferState(frames: readonly Frame[]): string {
  const n = Math.min(frames.length, 8);
  for (let i = 0; i < n; i++) {
    const s = BY_FUNC[frames[i].func];
    if (s !== undefined) return s;
  }
  return 'unknown';
}
