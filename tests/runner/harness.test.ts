/** The leak verdict end to end: real programs, the real server, the same client the lessons use. */
import { beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../require.ts';
import { sharedRunnerUrl } from '../shared-runner.ts';
import { createClient, type RunnerClient } from '../../src/lib/runner/client.ts';
import { RENAMED_MAIN } from '../../src/lib/runner/harness.ts';
import { pointAt, programGroups } from '../../src/lib/dump/program.ts';
import { runProgram } from '../../src/lib/runner/run.ts';

let base: string;
let client: RunnerClient;

// The run's shared runner (tests/runner-setup.ts); every test here only submits programs.
beforeAll(() => {
  base = sharedRunnerUrl();
  client = createClient({ target: 'server', baseUrl: base });
});

/**
 * The example: 3 goroutines on channels nobody can reach, 1 on a package-level channel.
 * (Found on 1.27.4: written as a closure `go func() { ch <- i }()` capturing the loop variable, the
 * three are NOT marked; the closure keeps the channel reachable for the detector. A named
 * function taking the channel, or a closure capturing only ch, is marked.)
 */
const fourLeaks = `package main

import "fmt"

var jobs = make(chan int)

func send(ch chan<- int, v int) {
	ch <- v
}

func main() {
	for i := 0; i < 3; i++ {
		ch := make(chan int)
		go send(ch, i)
	}
	go func() {
		<-jobs
	}()
	fmt.Println("done")
}
`;

describe.concurrent('verdict from the runtime (goroutineleak profile)', () => {
  it('Go 1.27: 4 left behind, 3 proven leaked, each goroutine marked', async () => {
    const v = await client.version();
    expect(v.Version).toMatch(/^go1\.(2[7-9]|[3-9]\d)/);
    const r = await runProgram(client, fourLeaks);
    expect(r.errors).toBe('');
    expect(r.stdout).toBe('done\n');
    expect(r.leak).toMatchObject({ checked: true, leaked: 4, proven: 3 });
    const byLine = r.leak.goroutines
      .map((g) => [pointAt(g, r.leak.files).line, g.state, g.leaked])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(byLine).toEqual([
      [8, 'chan send', true],
      [8, 'chan send', true],
      [8, 'chan send', true],
      [17, 'chan receive', false],
    ]);
    // Inspect gets the runtime's own marks.
    expect(r.leak.dump.match(/\[chan send \(leaked\)\]/g)).toHaveLength(3);
    expect(r.leak.dump).toContain('[chan receive]:');
  });

  it('Go 1.26 (backend goprev) has no such profile: proven is null, counting still works', async (ctx) => {
    const v = await client.version();
    requireOrSkip(
      v.Versions?.some((x) => x.Backend === 'goprev') === true,
      'Go 1.26 (backend goprev) is not installed: run scripts/fetch-tools.sh',
      ctx,
    );
    const r = await runProgram(client, fourLeaks, { goBackend: 'goprev' });
    expect(r.errors).toBe('');
    expect(r.leak).toMatchObject({ checked: true, leaked: 4, proven: null });
    expect(r.leak.goroutines.every((g) => g.leaked === false)).toBe(true);
  });

  it('a program printing fake markers and calling os.Exit(0) is not reported clean', async () => {
    const forger = `package main

import (
	"fmt"
	"os"
)

func main() {
	ch := make(chan int)
	go func() { ch <- 1 }()
	fmt.Fprint(os.Stderr, "\\n<<<leaklab:goroutines:begin>>>\\n<<<leaklab:goroutines:end>>>\\n")
	fmt.Fprint(os.Stderr, "\\n<<<leaklab:goroutines:begin:0123456789abcdef0123456789abcdef>>>\\n<<<leaklab:goroutines:end:0123456789abcdef0123456789abcdef>>>\\n")
	fmt.Fprint(os.Stderr, "\\n<<<leaklab:goroutines:begin:"+os.Getenv("LEAKLAB_NONCE")+">>>\\n<<<leaklab:goroutines:end:"+os.Getenv("LEAKLAB_NONCE")+">>>\\n")
	os.Exit(0)
}
`;
    const r = await runProgram(client, forger);
    expect(r.errors).toBe('');
    expect(r.leak.checked).toBe(false);
    expect(r.leak.reason).toBe('exited');
    // The fake blocks stay in the output, as the program wrote them.
    expect(r.stderr).toContain('<<<leaklab:goroutines:begin:0123456789abcdef0123456789abcdef>>>');
  });

  it('after a panic, the goroutines still blocked are counted from the trace (every goroutine is printed)', async () => {
    const r = await runProgram(
      client,
      `package main

import "time"

func main() {
	ch := make(chan int)
	for i := 0; i < 2; i++ {
		go func() { ch <- i }()
	}
	time.Sleep(time.Millisecond)
	panic("boom")
}
`,
    );
    expect(r.status).toBe(2);
    expect(r.leak).toMatchObject({ checked: false, reason: 'exited', fromCrash: true, leaked: 2 });
    expect(r.leak.goroutines.map((g) => [pointAt(g, r.leak.files).line, g.state])).toEqual([
      [8, 'chan send'],
      [8, 'chan send'],
    ]);
    expect(r.programDump).toContain('panic: boom');
  });
});

const leaky = `package main

import "fmt"

func producer(ch chan<- int) {
	ch <- 42 // nobody receives: blocked forever
}

func main() {
	ch := make(chan int)
	go producer(ch)
	fmt.Println("main returns")
}
`;

const fixed = `package main

import "fmt"

func producer(ch chan<- int) {
	ch <- 42
}

func main() {
	ch := make(chan int, 1)
	go producer(ch)
	fmt.Println("main returns")
}
`;

describe.concurrent('leak check', () => {
  it('finds the leaked goroutine, blocked in chan send on the right line of prog.go', async () => {
    const r = await runProgram(client, leaky);
    expect(r.errors).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('main returns\n');
    expect(r.stderr).toBe('');
    expect(r.leak.checked).toBe(true);
    expect(r.leak.leaked).toBe(1);
    const g = r.leak.goroutines[0];
    expect(g.state).toBe('chan send');
    expect(g.leaked).toBe(true);
    expect(pointAt(g, r.leak.files)).toMatchObject({ func: 'main.producer', file: 'prog.go', line: 6 });
    expect(g.createdBy).toMatchObject({ func: 'main.main', file: 'prog.go', line: 11 });
    expect(r.leak.dump).toMatch(/^goroutine \d+ \[chan send \(leaked\)\]:\nmain\.producer\(/);
    expect(r.leak.dump).toContain('created by main.main in goroutine 1');
    expect(r.leak.dump).not.toContain(RENAMED_MAIN);
    expect(JSON.stringify(r.events)).not.toContain('leaklab');
  });

  it('reports no leak for the fixed program', async () => {
    const r = await runProgram(client, fixed);
    expect(r.vetErrors).toBe('');
    expect(r.leak).toMatchObject({ checked: true, leaked: 0, goroutines: [], dump: '' });
    expect(r.stdout).toBe('main returns\n');
  });

  it('waits like goleak: goroutines finishing shortly after main are not leaks', async () => {
    const src = `package main

import (
	"fmt"
	"time"
)

func main() {
	go func() { time.Sleep(50 * time.Millisecond) }()
	fmt.Println("bye")
}
`;
    expect((await runProgram(client, src)).leak).toMatchObject({ checked: true, leaked: 0 });
  });

  it('ignores goroutines the standard library keeps for itself (signal.Notify), like goleak', async () => {
    const src = `package main

import (
	"fmt"
	"os"
	"os/signal"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	fmt.Println("listening")
}
`;
    expect((await runProgram(client, src)).leak).toMatchObject({ checked: true, leaked: 0 });
  });

  it('a goroutine that spins forever ends in the run timeout, like any busy program under fake time', async () => {
    // Our runner gives programs one P (GOMAXPROCS=1: faketime GC hangs with more). A goroutine that
    // never yields then keeps the P, and fake time never reaches the preemption deadline, so the
    // leak check cannot run: the learner sees the Playground's timeout message, and the server
    // kills the program and survives.
    const src = `package main

import "fmt"

var stop bool

func main() {
	go func() {
		for !stop {
		}
	}()
	fmt.Println("main returns")
}
`;
    for (let i = 0; i < 2; i++) {
      const r = await runProgram(client, src.replace('main returns', `main returns ${i}`));
      expect(r.timedOut).toBe(true);
      expect(r.stderr).toContain('timeout running program');
      expect(r.leak.checked).toBe(false);
    }
    const health = await (await fetch(`${base}/api/health`)).json();
    expect(health.ok).toBe(true);
  });

  it('does not hang when a goroutine in a system call stops the fake clock', async () => {
    const src = `package main

import (
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	go func() { time.Sleep(10 * time.Millisecond) }()
	fmt.Println("bye")
}
`;
    const r = await runProgram(client, src);
    expect(r.timedOut).toBe(false);
    expect(r.leak.checked).toBe(true);
  });

  it('groups many leaked goroutines by state and top frame', async () => {
    const src = `package main

import "sync"

func main() {
	var mu sync.Mutex
	mu.Lock()
	results := make(chan int)
	for i := 0; i < 5; i++ {
		go func() { results <- i }()
	}
	for i := 0; i < 3; i++ {
		go func() { mu.Lock() }()
	}
	<-results
}
`;
    const r = await runProgram(client, src);
    expect(r.leak.leaked).toBe(7);
    const groups = programGroups(r.leak.goroutines, r.leak.files);
    expect(groups.map(({ group, at }) => [group.ids.length, group.state, at.line])).toEqual([
      [4, 'chan send', 10],
      [3, 'sync.Mutex.Lock', 13],
    ]);
  });

  it('keeps line numbers: compile errors are identical with and without the harness', async () => {
    const broken = `package main

import "fmt"

func main() {
	x := 1
	fmt.Println(y)
}
`;
    const withCheck = await runProgram(client, broken);
    const without = await runProgram(client, broken, { leakCheck: false });
    expect(withCheck.errors).toBe(without.errors);
    expect(withCheck.errors).toContain('./prog.go:6:2: declared and not used: x');
    expect(withCheck.errors).toContain('./prog.go:7:14: undefined: y');
    expect(withCheck.leak).toMatchObject({ checked: false, reason: 'build-failed' });
  });

  it('keeps line numbers and shows main.main in a panic, and offers the program dump', async () => {
    const src = `package main

func main() {
	var m map[string]int
	m["boom"] = 1
}
`;
    const r = await runProgram(client, src);
    expect(r.status).toBe(2);
    expect(r.leak).toMatchObject({ checked: false, reason: 'exited' });
    expect(r.programDump).toMatch(/^panic: assignment to entry in nil map/);
    expect(r.programDump).toMatch(/main\.main\(\)\n\t\S*prog\.go:5 /);
    expect(r.stderr).not.toContain(RENAMED_MAIN);
    expect(r.stderr).not.toContain('leaklab_harness.go');
  });

  it('offers the deadlock trace as the program dump', async () => {
    const src = `package main

func main() {
	ch := make(chan int)
	ch <- 1
}
`;
    const r = await runProgram(client, src);
    expect(r.status).toBe(2);
    expect(r.programDump).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.programDump).toMatch(/goroutine 1 \[chan send\]:\nmain\.main\(\)\n\t\S*prog\.go:5 /);
  });

  it('cannot check a program that calls os.Exit, and says so', async () => {
    const src = `package main

import "os"

func main() {
	go func() { select {} }()
	os.Exit(4)
}
`;
    const r = await runProgram(client, src);
    expect(r.status).toBe(4);
    expect(r.leak).toMatchObject({ checked: false, reason: 'exited' });
  });

  it('keeps the program output exactly, including stderr and a missing final newline', async () => {
    const src = `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprint(os.Stderr, "warning")
	fmt.Print("no newline")
}
`;
    const r = await runProgram(client, src);
    expect(r.stdout).toBe('no newline');
    expect(r.stderr).toBe('warning');
    expect(r.leak.checked).toBe(true);
  });

  it('runs tests unchanged (no harness) and txtar programs with the harness', async () => {
    const test = await runProgram(client, 'package main\n\nimport "testing"\n\nfunc TestOK(t *testing.T) {}\n');
    expect(test.isTest).toBe(true);
    expect(test.leak).toMatchObject({ checked: false, reason: 'test' });
    const broken = await runProgram(client, 'package main\n\nimport "testing"\n\nfunc TestOK(t *testing.T) { t.Log(undefinedName) }\n');
    expect(broken.errors).toContain('./prog.go:5:35: undefined: undefinedName');
    const txtar = await runProgram(
      client,
      'package main\n\nfunc main() { go leak() }\n-- leak.go --\npackage main\n\nfunc leak() {\n\tselect {}\n}\n',
    );
    expect(txtar.leak.leaked).toBe(1);
    expect(txtar.leak.goroutines[0]).toMatchObject({ state: 'select (no cases)' });
    expect(pointAt(txtar.leak.goroutines[0], txtar.leak.files)).toMatchObject({ func: 'main.leak', file: 'leak.go', line: 4 });
  });
});
