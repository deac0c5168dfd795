/**
 * Synthetic but realistic pprof debug=2 dumps of a leaking Go server, for the benchmarks that need
 * 80,000 goroutines. Deterministic for a seed. The stacks are shaped like
 * real ones (net/http serving, database/sql pools, leaked workers with `created by ... in
 * goroutine N`, wait minutes, args with `?`, inlined frames) so the parser does realistic work.
 */

interface Template {
  state: string;
  frames: [func: string, file: string, line: number, inlined?: boolean][];
  creator: [func: string, file: string, line: number];
  weight: number;
  minutes?: boolean;
}

const GOROOT = '/usr/local/go/src';
const APP = '/app';

const TEMPLATES: Template[] = [
  {
    // The shape the runner's leak check sees: a playground program's abandoned sender.
    state: 'chan send',
    weight: 140,
    minutes: true,
    frames: [['main.fetchAll.func1', '/tmp/sandbox1827364/prog.go', 21]],
    creator: ['main.fetchAll', '/tmp/sandbox1827364/prog.go', 19],
  },
  {
    state: 'chan send',
    weight: 60,
    minutes: true,
    frames: [['example.com/shop/internal/pricing.(*Quoter).fetch.func1', `${APP}/internal/pricing/quote.go`, 88]],
    creator: ['example.com/shop/internal/pricing.(*Quoter).fetch', `${APP}/internal/pricing/quote.go`, 84],
  },
  {
    state: 'select',
    weight: 20,
    minutes: true,
    frames: [
      ['example.com/shop/internal/events.(*Bus).pump', `${APP}/internal/events/bus.go`, 131],
      ['example.com/shop/internal/events.(*Bus).Subscribe.gowrap1', `${APP}/internal/events/bus.go`, 77],
    ],
    creator: ['example.com/shop/internal/events.(*Bus).Subscribe', `${APP}/internal/events/bus.go`, 77],
  },
  {
    state: 'IO wait',
    weight: 2,
    frames: [
      ['internal/poll.runtime_pollWait', `${GOROOT}/runtime/netpoll.go`, 351],
      ['internal/poll.(*pollDesc).wait', `${GOROOT}/internal/poll/fd_poll_runtime.go`, 84],
      ['internal/poll.(*pollDesc).waitRead', `${GOROOT}/internal/poll/fd_poll_runtime.go`, 89, true],
      ['internal/poll.(*FD).Read', `${GOROOT}/internal/poll/fd_unix.go`, 165],
      ['net.(*netFD).Read', `${GOROOT}/net/fd_posix.go`, 55],
      ['net.(*conn).Read', `${GOROOT}/net/net.go`, 194],
      ['net/http.(*persistConn).Read', `${GOROOT}/net/http/transport.go`, 2122],
      ['bufio.(*Reader).fill', `${GOROOT}/bufio/bufio.go`, 110],
      ['bufio.(*Reader).Peek', `${GOROOT}/bufio/bufio.go`, 148],
      ['net/http.(*persistConn).readLoop', `${GOROOT}/net/http/transport.go`, 2275],
    ],
    creator: ['net/http.(*Transport).dialConn', `${GOROOT}/net/http/transport.go`, 1944],
  },
  {
    state: 'select',
    weight: 10,
    frames: [['net/http.(*persistConn).writeLoop', `${GOROOT}/net/http/transport.go`, 2456]],
    creator: ['net/http.(*Transport).dialConn', `${GOROOT}/net/http/transport.go`, 1945],
  },
  {
    state: 'sync.Mutex.Lock',
    weight: 2,
    minutes: true,
    frames: [
      ['sync.runtime_SemacquireMutex', `${GOROOT}/runtime/sema.go`, 95],
      ['sync.(*Mutex).lockSlow', `${GOROOT}/sync/mutex.go`, 173],
      ['sync.(*Mutex).Lock', `${GOROOT}/sync/mutex.go`, 92, true],
      ['example.com/shop/internal/cart.(*Store).Update', `${APP}/internal/cart/store.go`, 59],
      ['example.com/shop/internal/cart.(*Handler).ServeHTTP', `${APP}/internal/cart/handler.go`, 41],
      ['net/http.serverHandler.ServeHTTP', `${GOROOT}/net/http/server.go`, 3210],
      ['net/http.(*conn).serve', `${GOROOT}/net/http/server.go`, 2092],
    ],
    creator: ['net/http.(*Server).Serve', `${GOROOT}/net/http/server.go`, 3360],
  },
  {
    state: 'chan receive',
    weight: 5,
    minutes: true,
    frames: [
      ['database/sql.(*DB).connectionOpener', `${GOROOT}/database/sql/sql.go`, 1253],
      ['database/sql.OpenDB.gowrap1', `${GOROOT}/database/sql/sql.go`, 833],
    ],
    creator: ['database/sql.OpenDB', `${GOROOT}/database/sql/sql.go`, 833],
  },
  {
    state: 'sleep',
    weight: 1,
    frames: [
      ['time.Sleep', `${GOROOT}/runtime/time.go`, 300],
      ['example.com/shop/internal/health.(*Prober).loop', `${APP}/internal/health/probe.go`, 27],
    ],
    creator: ['example.com/shop/internal/health.Start', `${APP}/internal/health/probe.go`, 15],
  },
];

/** xorshift32: deterministic and fast; the dump only has to look varied. */
function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function hex(r: () => number, digits: number): string {
  return Math.floor(r() * 16 ** digits).toString(16);
}

/**
 * Yields the dump in pieces (one goroutine each) so a 100 MB dump can be produced and fed to a
 * streaming parser without building one string.
 */
export function* syntheticDumpChunks(goroutines: number, seed = 1): Generator<string> {
  const r = rng(seed);
  const total = TEMPLATES.reduce((n, t) => n + t.weight, 0);
  yield `goroutine 1 [running]:\nmain.main()\n\t${APP}/cmd/shop/main.go:42 +0x1d\n`;
  for (let i = 1; i < goroutines; i++) {
    let pick = r() * total;
    let t = TEMPLATES[0];
    for (const c of TEMPLATES) {
      pick -= c.weight;
      if (pick < 0) {
        t = c;
        break;
      }
    }
    const id = 100 + i * 3;
    let s = `\ngoroutine ${id} [${t.state}`;
    if (t.minutes && r() < 0.7) s += `, ${1 + Math.floor(r() * 90)} minutes`;
    s += ']:\n';
    for (const [fn, file, line, inl] of t.frames) {
      if (inl) s += `${fn}(...)\n\t${file}:${line}\n`;
      else s += `${fn}(0xc000${hex(r, 6)})\n\t${file}:${line} +0x${hex(r, 3)}\n`;
    }
    s += `created by ${t.creator[0]} in goroutine ${1 + Math.floor(r() * 40)}\n\t${t.creator[1]}:${t.creator[2]} +0x${hex(r, 3)}\n`;
    yield s;
  }
}

export function syntheticDump(goroutines: number, seed = 1): string {
  const parts: string[] = [];
  for (const c of syntheticDumpChunks(goroutines, seed)) parts.push(c);
  return parts.join('');
}
