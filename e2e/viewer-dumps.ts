/**
 * Big goroutine dumps for the viewer's load tests, in the exact debug=2 grammar Go 1.27 prints
 * (copied from the crawler example's shapes, public/examples/dumps/crawler-debug2.txt). `shapes`
 * distinct stacks give that many groups.
 */
const STATES = ['chan send', 'chan receive', 'select', 'sync.Mutex.Lock', 'IO wait', 'sync.WaitGroup.Wait'];

function goroutine(id: number, shape: number): string {
  const state = STATES[shape % STATES.length];
  const wait = id % 3 === 0 ? `, ${1 + (id % 97)} minutes` : '';
  const line = 20 + shape;
  const pkg = `example.com/shop/worker${shape % 40}`;
  const lib =
    state === 'sync.Mutex.Lock'
      ? `internal/sync.(*Mutex).Lock(...)\n\t/usr/lib/go-1.27/src/internal/sync/mutex.go:70\nsync.(*Mutex).Lock(...)\n\t/usr/lib/go-1.27/src/sync/mutex.go:46\n`
      : state === 'IO wait'
        ? `internal/poll.runtime_pollWait(0x7f073de98e00, 0x72)\n\t/usr/lib/go-1.27/src/runtime/netpoll.go:351 +0x85\n`
        : state === 'sync.WaitGroup.Wait'
          ? `sync.(*WaitGroup).Wait(0x157f7c33a160)\n\t/usr/lib/go-1.27/src/sync/waitgroup.go:206 +0x85\n`
          : '';
  return (
    `goroutine ${id} [${state}${wait}]:\n` +
    lib +
    `${pkg}.(*Pool).run(0x157f7c${(id * 16).toString(16).padStart(6, '0')}, 0x2a)\n` +
    `\t/src/shop/pool.go:${line} +0x${(0x40 + shape).toString(16)}\n` +
    `created by ${pkg}.Start in goroutine ${1 + (shape % 5)}\n` +
    `\t/src/shop/start.go:${30 + (shape % 7)} +0x8a\n\n`
  );
}

/** A debug=2 dump of `n` goroutines spread over `shapes` stacks; goroutine 1 is `main.main`. */
export function bigDump(n: number, shapes: number): string {
  const parts: string[] = ['goroutine 1 [running]:\nmain.main()\n\t/home/dev/shop/main.go:12 +0x1d\n\n'];
  for (let i = 2; i <= n; i++) parts.push(goroutine(i, i % shapes));
  return parts.join('');
}
