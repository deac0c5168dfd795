/**
 * The local backend through the real HTTP server, with real Go programs: Playground semantics
 * (fake time, deadlock detection, exit statuses, txtar, test mode) and the sandbox's limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/index.ts';
import { SANDBOX_GOROOT } from '../../server/local.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { createClient } from '../../src/lib/runner/client.ts';
import { runProgram } from '../../src/lib/runner/run.ts';
import { pointAt } from '../../src/lib/dump/program.ts';
import { requireOrSkip } from '../require.ts';
import { compile, out, prog } from './helpers.ts';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  // Its own server, so the last test can see its run directories all cleaned up; the toolchains
  // were warmed once for the whole run (tests/runner-setup.ts).
  server = await startServer({
    port: 0,
    backend: 'local',
    distDir: '/nonexistent',
    concurrency: 2,
    warm: false,
    // Its tests submit concurrently from one address; fairness.test.ts checks the per-client cap.
    perClient: Number.POSITIVE_INFINITY,
  });
  base = server.url;
});
afterAll(async () => {
  await server?.close();
});

describe.concurrent('local runner: Playground semantics', () => {
  it('reports fake-time delays: a 2-hour sleep is instant and arrives with Delay 7.2e12 ns', async () => {
    const { res, json } = await compile(
      base,
      prog(['fmt', 'time'], '\tfmt.Println("start")\n\ttime.Sleep(2 * time.Hour)\n\tfmt.Println("two hours later")'),
    );
    expect(res.status).toBe(200);
    expect(json.Errors).toBe('');
    expect(json.Status).toBe(0);
    expect(json.Events).toEqual([
      { Message: 'start\n', Kind: 'stdout', Delay: 0 },
      { Message: 'two hours later\n', Kind: 'stdout', Delay: 7_200_000_000_000 },
    ]);
    expect(json.VetOK).toBe(true);
  });

  it('keeps stdout and stderr apart, in order', async () => {
    const { json } = await compile(
      base,
      prog(
        ['fmt', 'os', 'time'],
        '\tfmt.Println("a")\n\ttime.Sleep(time.Second)\n\tfmt.Fprintln(os.Stderr, "b")\n\ttime.Sleep(time.Second)\n\tfmt.Println("c")',
      ),
    );
    expect(json.Events!.map((e) => [e.Kind, e.Message, e.Delay])).toEqual([
      ['stdout', 'a\n', 0],
      ['stderr', 'b\n', 1e9],
      ['stdout', 'c\n', 1e9],
    ]);
  });

  it('returns compile errors with prog.go positions and no events', async () => {
    const { json } = await compile(base, prog(['fmt'], '\tfmt.Println(undefinedThing)'));
    expect(json.Events).toBeNull();
    expect(json.Errors).toMatch(/^\.\/prog\.go:8:14: undefined: undefinedThing$/m);
    expect(json.Errors).not.toContain('/tmp/');
  });

  it('runs go vet when asked, and only then', async () => {
    const src = prog(['fmt'], '\tfmt.Printf("%d\\n", "not a number")');
    const withVet = await compile(base, src, true);
    // Go 1.27's printf check points at the format string (column 14), older vet at the call (column 2).
    expect(withVet.json.VetErrors).toMatch(/prog\.go:8:\d+: fmt\.Printf format %d has arg "not a number" of wrong type string/);
    expect(withVet.json.VetOK).toBeFalsy();
    expect(out(withVet.json, 'stdout')).toContain('%!d(string=not a number)');
    const noVet = await compile(base, src, false);
    expect(noVet.json.VetErrors).toBeFalsy();
    expect(noVet.json.VetOK).toBeFalsy();
  });

  it('passes the exit status through (os.Exit(3))', async () => {
    const { json } = await compile(base, prog(['fmt', 'os'], '\tfmt.Println("bye")\n\tos.Exit(3)'));
    expect(json.Status).toBe(3);
    expect(out(json, 'stdout')).toBe('bye\n');
  });

  it('detects a deadlock like the Playground: status 2 and the runtime message', async () => {
    const { json } = await compile(base, prog([], '\tch := make(chan int)\n\t<-ch'));
    expect(json.Status).toBe(2);
    expect(out(json, 'stderr')).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(out(json, 'stderr')).toMatch(/goroutine 1 \[chan receive\]:\nmain\.main\(\)/);
  });

  it('turns a would-be deadlock with a leaked ticker poller into a timeout on stderr', async () => {
    const { json } = await compile(
      base,
      prog(
        ['time'],
        '\tt := time.NewTicker(time.Second)\n\tgo func() {\n\t\tfor range t.C {\n\t\t}\n\t}()\n\tch := make(chan int)\n\t<-ch',
      ),
    );
    expect(out(json, 'stderr')).toContain('timeout running program');
    expect(out(json, 'stderr')).not.toContain('deadlock');
    expect(json.Status).toBe(137);
  });

  it('runs multi-file txtar programs, with a sub-package of module play', async () => {
    const src = [
      'package main',
      '',
      'import (',
      '\t"fmt"',
      '\t"play/greet"',
      ')',
      '',
      'func main() { fmt.Println(greet.Hello(), helper()) }',
      '-- helper.go --',
      'package main',
      '',
      'func helper() string { return "from helper.go" }',
      '-- greet/greet.go --',
      'package greet',
      '',
      'func Hello() string { return "hello" }',
    ].join('\n');
    const { json } = await compile(base, src);
    expect(json.Errors).toBe('');
    expect(out(json)).toBe('hello from helper.go\n');
  });

  it('refuses root files that are not package main, like the Playground', async () => {
    const { json } = await compile(base, 'package foo\n\nfunc F() {}\n');
    expect(json.Errors).toBe('package name must be main\n');
  });

  it('runs a program with tests and no main as a test (IsTest, TestsFailed)', async () => {
    const src = [
      'package main',
      '',
      'import "testing"',
      '',
      'func TestGood(t *testing.T) {}',
      '',
      'func TestBad(t *testing.T) { t.Fatal("boom") }',
      '',
    ].join('\n');
    const { json } = await compile(base, src);
    expect(json.Errors).toBe('');
    expect(json.IsTest).toBe(true);
    expect(json.TestsFailed).toBe(1);
    expect(out(json)).toContain('=== RUN   TestGood');
    expect(out(json)).toContain('--- FAIL: TestBad');
    expect(json.Status).toBe(1);
  });

  it('runs tests and examples in a txtar program too (prog.go becomes prog_test.go)', async () => {
    const src = [
      'package main',
      '',
      'import "fmt"',
      '',
      // Example_double, not ExampleDouble: since Go 1.27 `go test` (and so the Playground) refuses an
      // example named after an identifier that does not exist ("ExampleDouble refers to unknown
      // identifier: Double"), and the helper here is the unexported double.
      'func Example_double() {',
      '\tfmt.Println(double(21))',
      '\t// Output: 42',
      '}',
      '-- double.go --',
      'package main',
      '',
      'func double(n int) int { return 2 * n }',
    ].join('\n');
    const { json } = await compile(base, src);
    expect(json.Errors).toBe('');
    expect(json.IsTest).toBe(true);
    expect(json.TestsFailed).toBe(0);
    expect(out(json)).toContain('--- PASS: Example_double');
    expect(json.Status).toBe(0);
  });

  it('explains that only the standard library is available', async () => {
    const { json } = await compile(base, prog(['github.com/google/uuid'], '\t_ = uuid.New()'));
    expect(json.Errors).toMatch(/github\.com\/google\/uuid/);
    expect(json.Errors).toMatch(/only the standard library/);
  });
});

describe('local runner: sandbox limits', () => {
  it("shows the standard library at the Playground's GOROOT, wherever Go is installed", async (ctx) => {
    requireOrSkip(server.isolated, `no sandbox on this machine: ${server.isolationNote}`, ctx);
    const src = prog(
      ['fmt', 'runtime', 'sync'],
      '\tvar mu sync.Mutex\n\tmu.Lock()\n\tgo func() { mu.Lock() }()\n\truntime.Gosched()\n\tbuf := make([]byte, 1<<16)\n\tfmt.Println(string(buf[:runtime.Stack(buf, true)]))',
    );
    const { json } = await compile(base, src);
    expect(out(json, 'stdout')).toContain(`\t${SANDBOX_GOROOT}/src/sync/mutex.go:`);
    expect(out(json)).not.toContain(realpathSync(findToolchain()!.goroot));
    // The verdict still tells the standard library's frames from the learner's.
    const leaky = prog(['runtime', 'sync'], '\tvar mu sync.Mutex\n\tmu.Lock()\n\tgo func() { mu.Lock() }()\n\truntime.Gosched()');
    const r = await runProgram(createClient({ target: 'server', baseUrl: base }), leaky);
    expect(r.leak.goroutines.map((g) => pointAt(g, r.leak.files)).map((f) => `${f.file}:${f.line}`)).toEqual(['prog.go:11']);
  });

  it('has no network: even the runner on loopback is unreachable', async (ctx) => {
    requireOrSkip(server.isolated, `no sandbox on this machine: ${server.isolationNote}`, ctx);
    const port = new URL(base).port;
    const { json } = await compile(
      base,
      prog(
        ['fmt', 'net'],
        `\t_, err := net.Dial("tcp", "127.0.0.1:${port}")\n\tfmt.Println("dial error:", err != nil)\n\t_, err = net.Dial("tcp", "1.1.1.1:80")\n\tfmt.Println("dial error:", err != nil)`,
      ),
    );
    expect(out(json, 'stdout')).toBe('dial error: true\ndial error: true\n');
  });

  it('lets a program talk to itself over localhost, like the Playground', async () => {
    const { json } = await compile(
      base,
      prog(
        ['fmt', 'io', 'net', 'net/http'],
        '\tln, err := net.Listen("tcp", "127.0.0.1:0")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tgo http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "pong") }))\n\tresp, err := http.Get("http://" + ln.Addr().String())\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tb, _ := io.ReadAll(resp.Body)\n\tfmt.Println(string(b))',
      ),
    );
    expect(out(json)).toBe('pong\n');
  });

  it('runs as an unprivileged user', async (ctx) => {
    requireOrSkip(server.isolated, `no sandbox on this machine: ${server.isolationNote}`, ctx);
    const { json } = await compile(
      base,
      prog(
        ['fmt', 'os'],
        '\tfmt.Println(os.Getuid() != 0, os.Getgid() != 0)\n\t_, err := os.ReadFile("/etc/shadow")\n\tfmt.Println(err != nil)',
      ),
    );
    expect(out(json, 'stdout')).toBe('true true\ntrue\n');
  });

  it('hides the project and home directories and gives the program a private /tmp', async (ctx) => {
    requireOrSkip(server.isolated, `no sandbox on this machine: ${server.isolationNote}`, ctx);
    const { json } = await compile(
      base,
      prog(
        ['fmt', 'os'],
        `\tfor _, d := range []string{"${process.cwd()}", "/root", "/home"} {\n\t\tentries, _ := os.ReadDir(d)\n\t\tfmt.Println(len(entries))\n\t}\n\tfmt.Println(os.WriteFile("/tmp/scratch", []byte("x"), 0o600) == nil)\n\twd, _ := os.Getwd()\n\tfmt.Println(wd)`,
      ),
    );
    expect(out(json, 'stdout')).toBe('0\n0\n0\ntrue\n/tmp\n');
  });

  it("never lets a program's own .git make the go command run anything", async () => {
    const marker = path.join(tmpdir(), `leaklab-pwned-${process.pid}`);
    const src = [
      'package main',
      '',
      'func main() {}',
      '-- .git/HEAD --',
      'ref: refs/heads/main',
      '-- .git/config --',
      '[core]',
      '\trepositoryformatversion = 0',
      `\tfsmonitor = "touch ${marker}; false"`,
    ].join('\n');
    const { json } = await compile(base, src);
    expect(json.Errors).toContain('file names starting with "." are not allowed');
    expect(existsSync(marker)).toBe(false);
  });

  it('stops a program that allocates far more than 100 MiB', async () => {
    const { json } = await compile(
      base,
      prog(
        ['fmt'],
        '\tvar keep [][]byte\n\tfor i := 0; i < 2048; i++ {\n\t\tb := make([]byte, 1<<20)\n\t\tb[0] = 1\n\t\tkeep = append(keep, b)\n\t}\n\tfmt.Println("allocated", len(keep), "MiB")',
      ),
    );
    expect(out(json, 'stdout')).not.toContain('allocated');
    expect(json.Status).not.toBe(0);
    expect(out(json, 'stderr')).toMatch(/out of memory|timeout running program|cannot allocate memory/);
  });

  it('caps output at 1 MiB with a clear notice', async () => {
    const { json } = await compile(
      base,
      prog(['fmt', 'strings'], '\tline := strings.Repeat("x", 1023)\n\tfor i := 0; i < 4096; i++ {\n\t\tfmt.Println(line)\n\t}'),
    );
    const stdout = out(json, 'stdout');
    expect(stdout.length).toBeLessThanOrEqual(1024 * 1024);
    expect(stdout.length).toBeGreaterThan(512 * 1024);
    expect(out(json, 'stderr')).toContain('output truncated');
  });

  it('kills what a program started and leaves no temp dirs behind', async () => {
    const marker = `31.${process.pid}`;
    const { json } = await compile(
      base,
      // The child re-executes the program (no host programs such as sleep in the sandbox) and blocks in read(2).
      prog(
        ['fmt', 'os', 'os/exec', 'syscall'],
        `\tif len(os.Args) > 1 {\n\t\tvar p [2]int\n\t\tsyscall.Pipe(p[:])\n\t\tsyscall.Read(p[0], make([]byte, 1))\n\t}\n\tcmd := exec.Command("/proc/self/exe", "${marker}")\n\tfmt.Println(cmd.Start() == nil)`,
      ),
    );
    expect(out(json, 'stdout')).toBe('true\n');
    await new Promise((r) => setTimeout(r, 300));
    const survivors = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(marker);
        } catch {
          return false;
        }
      });
    expect(survivors).toEqual([]);
    expect(readdirSync(server.tempRoot!)).toEqual([]);
  });
});
