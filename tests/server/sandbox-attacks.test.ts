/**
 * The red team's attacks of issue 18 on the sandbox, each against a real server started in a
 * session keyring that holds a secret (as a learner's login keeps Kerberos tickets there): once as
 * root, once as an unprivileged user (nobody, when this test runs as root). Kernel keyring (item 1),
 * memory filesystems (2), nested user namespaces and mounts (3), host programs (4), and the uid
 * and caches of a root server (10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectIsolation, RUN_TMP_BYTES } from '../../server/sandbox.ts';
import { findToolchain } from '../../server/toolchain.ts';
import { requireOrSkip } from '../require.ts';
import { compile, out } from './helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const KEY_DESC = `leaklab-login-key-${process.pid}`;
const KEY_SECRET = `kerberos-ticket-${process.pid}`;
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

/**
 * Joins a new named session keyring holding a user key, then executes argv: what a login session
 * with a secret in its keyring looks like to whatever it starts.
 */
const IN_KEYRING = `
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
add_key, keyctl = {"x86_64": (248, 250), "aarch64": (217, 219)}[os.uname().machine]
libc.syscall.restype = ctypes.c_long
if libc.syscall(keyctl, 1, b"leaklab-test-login") < 0: sys.exit("join session keyring: errno %d" % ctypes.get_errno())
desc, secret = sys.argv[1].encode(), sys.argv[2].encode()
if libc.syscall(add_key, b"user", desc, secret, len(secret), ctypes.c_long(-3)) < 0: sys.exit("add_key: errno %d" % ctypes.get_errno())
os.execv(sys.argv[3], sys.argv[3:])
`;

interface Target {
  url: string;
  stop: () => Promise<void>;
}

/** A server in its own process, inside a session keyring holding KEY_SECRET, as `uid` (or as this user). */
async function serverInKeyring(uid: number | null, env: Record<string, string> = {}): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'leaklab-sbx-attack-'));
  chmodSync(dir, 0o755);
  const script = path.join(dir, 'serve.ts');
  writeFileSync(
    script,
    `import { startServer } from ${JSON.stringify(path.join(ROOT, 'server', 'index.ts'))};\n` +
      `const s = await startServer({ port: 0, backend: 'local', distDir: '/nonexistent', warm: false, runTimeoutMs: 5000, buildTimeoutMs: 120_000 });\n` +
      `console.log('URL ' + s.url + ' ' + s.isolated);\n` +
      `process.on('SIGTERM', () => s.close().then(() => process.exit(0)));\n`,
  );
  const helper = path.join(dir, 'keyring.py');
  writeFileSync(helper, IN_KEYRING);
  chmodSync(script, 0o644);
  chmodSync(helper, 0o644);
  const inner = ['/usr/bin/python3', helper, KEY_DESC, KEY_SECRET, process.execPath, script];
  const argv = uid === null ? inner : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', ...inner];
  const child: ChildProcess = spawn(argv[0], argv.slice(1), {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TMPDIR: tmpdir(), ...env },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 300_000);
    child.stdout!.on('data', (c: Buffer) => {
      log += c.toString();
      const m = /URL (\S+) (true|false)/.exec(log);
      if (!m) return;
      clearTimeout(timer);
      if (m[2] !== 'true') reject(new Error(`server has no sandbox:\n${log}`));
      else resolve(m[1]);
    });
    child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One program, every attack; each line must end in `true`. */
const ATTACKS = `package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"unsafe"
)

var nr = map[string]map[string]uintptr{
	"amd64": {"add_key": 248, "request_key": 249, "keyctl": 250, "memfd_create": 319, "shmget": 29},
	"arm64": {"add_key": 217, "request_key": 218, "keyctl": 219, "memfd_create": 279, "shmget": 194},
}[runtime.GOARCH]

func denied(e syscall.Errno) bool { return e == syscall.EPERM }

func cstr(s string) uintptr { b := append([]byte(s), 0); return uintptr(unsafe.Pointer(&b[0])) }

func check(name string, ok bool) { fmt.Printf("%s: %v\\n", name, ok) }

func main() {
	if len(os.Args) > 1 {
		// The re-executed child, if it ever got a namespace of its own: a 100 GiB tmpfs.
		err := syscall.Mount("none", "/tmp", "tmpfs", 0, "size=100g")
		fmt.Println("nested mount:", err)
		os.Exit(3)
	}
	// 1. The kernel keyring: the login's session keyring, a key for the next run, /proc/keys.
	_, _, e := syscall.Syscall(nr["keyctl"], 0, uintptr(0xfffffffd), 0) // KEYCTL_GET_KEYRING_ID @s
	check("keyctl refused", denied(e))
	_, _, e = syscall.Syscall6(nr["add_key"], cstr("user"), cstr("next-run"), cstr("x"), 1, uintptr(0xfffffffd), 0)
	check("add_key refused", denied(e))
	_, _, e = syscall.Syscall6(nr["request_key"], cstr("user"), cstr("${KEY_DESC}"), 0, 0, 0, 0)
	check("request_key refused", denied(e))
	keys, _ := os.ReadFile("/proc/keys")
	check("key names hidden", !strings.Contains(string(keys), "${KEY_DESC}") && !strings.Contains(string(keys), "leaklab-test-login"))
	// 2. Memory filesystems: no /dev/shm, a read-only /dev and root, a sized /tmp, no memfd or SysV shm.
	check("no /dev/shm", os.WriteFile("/dev/shm/x", []byte("x"), 0o644) != nil && os.MkdirAll("/dev/shm", 0o777) != nil)
	check("/dev read-only", os.WriteFile("/dev/x", []byte("x"), 0o644) != nil)
	check("root read-only", os.WriteFile("/x", []byte("x"), 0o644) != nil)
	check("file size capped", os.WriteFile("/tmp/big", make([]byte, 2<<20), 0o644) != nil)
	os.Remove("/tmp/big")
	total := 0
	for i := 0; i < 200; i++ {
		f, err := os.Create(fmt.Sprintf("/tmp/fill%d", i))
		if err != nil {
			break
		}
		n, err := f.Write(make([]byte, 1<<20-1))
		total += n
		f.Close()
		if err != nil {
			break
		}
	}
	check("/tmp bounded", total <= ${RUN_TMP_BYTES} && total > 0)
	_, _, e = syscall.Syscall(nr["memfd_create"], cstr("m"), 0, 0)
	check("memfd refused", denied(e))
	_, _, e = syscall.Syscall(nr["shmget"], 0, 1<<20, 01000|0o600)
	check("shmget refused", denied(e))
	// 3. Nested namespaces and mounts.
	check("unshare refused", syscall.Unshare(syscall.CLONE_NEWUSER) != nil && syscall.Unshare(syscall.CLONE_NEWNS) != nil)
	c := exec.Command("/proc/self/exe", "child")
	c.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS}
	out, err := c.CombinedOutput()
	check("nested user namespace refused", err != nil && !strings.Contains(string(out), "nested mount"))
	check("mount refused", syscall.Mount("none", "/tmp", "tmpfs", 0, "size=100g") != nil)
	// 4. Host programs.
	for _, p := range []string{"/bin/sh", "/usr/bin/python3", "/usr/bin/perl", "sh", "python3", "perl", "busybox"} {
		err := exec.Command(p, "-c", "true").Run()
		check("no "+p, err != nil && !errors.Is(err, exec.ErrWaitDelay))
	}
	_, err = os.Stat("/usr")
	check("no /usr", os.IsNotExist(err))
	// Someone else's files: not even the names.
	_, err = os.Stat("/etc/passwd")
	pw, _ := os.ReadFile("/etc/passwd")
	check("tiny /etc/passwd", err == nil && strings.Count(string(pw), "\\n") == 1)
	fmt.Println("uid", os.Getuid())
}
`;

const EXPECTED = ATTACKS.match(/check\("[^"]+"/g)!;

/**
 * Round 4 (the red team after issue 18's hardening): memory no rlimit counts (shared anonymous
 * mappings, SysV and POSIX message queues, semaphores), address families the network namespace
 * does not confine (AF_VSOCK...), a wrong-ABI call that must kill the whole process, and what must
 * still work: loopback TCP, UDP and HTTP, and interface listing over netlink.
 */
const ATTACKS_4 = `package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

var nr = map[string]map[string]uintptr{
	"amd64": {"msgget": 68, "semget": 64, "mq_open": 240},
	"arm64": {"msgget": 186, "semget": 190, "mq_open": 180},
}[runtime.GOARCH]

func cstr(s string) uintptr { b := append([]byte(s), 0); return uintptr(unsafe.Pointer(&b[0])) }

func check(name string, ok bool) { fmt.Printf("%s: %v\\n", name, ok) }

func main() {
	if len(os.Args) > 1 {
		// The re-executed child: one thread makes an x32 call (getpid with the x32 bit); if only
		// that thread died, the process would go on to print.
		go func() {
			runtime.LockOSThread()
			syscall.Syscall(0x40000000|39, 0, 0, 0)
		}()
		time.Sleep(time.Second)
		fmt.Println("still alive")
		return
	}
	// Memory no rlimit counts.
	_, err := syscall.Mmap(-1, 0, 1<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED|syscall.MAP_ANON)
	check("shared anonymous mmap refused", err == syscall.EPERM)
	_, err = syscall.Mmap(-1, 0, 1<<20, syscall.PROT_READ|syscall.PROT_WRITE, 0x03|syscall.MAP_ANON)
	check("MAP_SHARED_VALIDATE anonymous mmap refused", err == syscall.EPERM)
	b, err := syscall.Mmap(-1, 0, 1<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	check("private anonymous mmap works", err == nil && len(b) == 1<<20)
	_, _, e := syscall.Syscall(nr["msgget"], 0, 01000|0o600, 0)
	check("msgget refused", e == syscall.EPERM)
	_, _, e = syscall.Syscall(nr["semget"], 0, 1, 01000|0o600)
	check("semget refused", e == syscall.EPERM)
	_, _, e = syscall.Syscall6(nr["mq_open"], cstr("leaklab"), uintptr(os.O_CREATE|os.O_RDWR), 0o600, 0, 0, 0)
	check("mq_open refused", e == syscall.EPERM)
	// Address families outside the network namespace's reach.
	for _, fam := range []int{40 /* AF_VSOCK */, 38 /* AF_ALG */, 17 /* AF_PACKET */, 9999} {
		_, err := syscall.Socket(fam, syscall.SOCK_STREAM, 0)
		check(fmt.Sprintf("socket(%d) refused", fam), err == syscall.EAFNOSUPPORT)
		_, err = syscall.Socketpair(fam, syscall.SOCK_STREAM, 0)
		check(fmt.Sprintf("socketpair(%d) refused", fam), err == syscall.EAFNOSUPPORT)
	}
	// What lessons need still works.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err == nil {
		go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "pong") }))
		res, err := http.Get("http://" + ln.Addr().String())
		body := []byte{}
		if err == nil {
			body, _ = io.ReadAll(res.Body)
		}
		check("loopback HTTP works", err == nil && string(body) == "pong")
	} else {
		check("loopback HTTP works", false)
	}
	u, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err == nil {
		c, _ := net.Dial("udp", u.LocalAddr().String())
		c.Write([]byte("ping"))
		buf := make([]byte, 8)
		u.SetReadDeadline(time.Now().Add(2 * time.Second))
		n, _, err := u.ReadFrom(buf)
		check("loopback UDP works", err == nil && string(buf[:n]) == "ping")
	} else {
		check("loopback UDP works", false)
	}
	_, err = net.Listen("tcp6", "[::1]:0")
	check("AF_INET6 allowed", err == nil || !strings.Contains(err.Error(), "address family"))
	ifs, err := net.Interfaces()
	check("interfaces listed", err == nil && len(ifs) > 0)
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	check("unix socketpair works", err == nil && fds[0] > 0)
	// Host paths: the sandbox's pid 1 (bwrap) started in / with PWD=/ (its arguments still name them).
	environ, _ := os.ReadFile("/proc/1/environ")
	pwd := ""
	for _, kv := range strings.Split(string(environ), "\\x00") {
		if strings.HasPrefix(kv, "PWD=") {
			pwd = kv
		}
	}
	check("pid 1 PWD neutral", pwd == "" || pwd == "PWD=/")
	// A wrong-ABI call kills the process, not only its thread.
	if runtime.GOARCH == "amd64" {
		out, err := exec.Command("/proc/self/exe", "x32").CombinedOutput()
		st, _ := err.(*exec.ExitError)
		killed := st != nil && st.Sys().(syscall.WaitStatus).Signaled() && st.Sys().(syscall.WaitStatus).Signal() == syscall.SIGSYS
		check("x32 call kills the process", killed && !strings.Contains(string(out), "still alive"))
	}
}
`;

const EXPECTED_4 = ATTACKS_4.match(/check\("[^"]+"/g)!;

const targets: [string, () => Promise<Target>][] = [
  [IS_ROOT ? 'root server' : 'server as this user', () => serverInKeyring(null)],
  ...(IS_ROOT ? ([['unprivileged server (nobody)', () => serverInKeyring(NOBODY)]] as [string, () => Promise<Target>][]) : []),
];

const haveSandbox = () => detectIsolation().isolated;

describe.each(targets)('sandbox attacks of issue 18: %s', (name, start) => {
  let t: Target | undefined;
  beforeAll(async () => {
    if (haveSandbox()) t = await start();
  }, 600_000);
  afterAll(() => t?.stop());

  it('holds: keyring, memory filesystems, nested namespaces, host programs', async (ctx) => {
    requireOrSkip(!!t, `no sandbox here: ${detectIsolation().note}`, ctx);
    const { json } = await compile(t!.url, ATTACKS, false);
    expect(json.Errors).toBe('');
    const text = out(json, 'stdout');
    const lines = text.split('\n');
    expect(
      lines.filter((l) => l.endsWith(': false')),
      text,
    ).toEqual([]);
    // Every check ran (a crash part-way would hide the rest).
    expect(lines.filter((l) => l.endsWith(': true')).length, text).toBeGreaterThanOrEqual(EXPECTED.length);
    const uid = Number(/^uid (\d+)$/m.exec(text)?.[1]);
    if (name === 'root server') {
      // 10. A uid of its own: not root, not nobody, no account of this machine.
      expect(uid).not.toBe(0);
      expect(uid).not.toBe(NOBODY);
      expect(
        readFileSync('/etc/passwd', 'utf8')
          .split('\n')
          .map((l) => Number(l.split(':')[2])),
      ).not.toContain(uid);
    }
  }, 300_000);

  it('holds round 4: shared memory, message queues, address families, wrong-ABI calls; loopback still works', async (ctx) => {
    requireOrSkip(!!t, `no sandbox here: ${detectIsolation().note}`, ctx);
    const { json } = await compile(t!.url, ATTACKS_4, false);
    expect(json.Errors).toBe('');
    const text = out(json, 'stdout');
    const lines = text.split('\n');
    expect(
      lines.filter((l) => l.endsWith(': false')),
      text,
    ).toEqual([]);
    // The socket checks print one line per family, the x32 one only on amd64.
    expect(lines.filter((l) => l.endsWith(': true')).length, text).toBeGreaterThanOrEqual(EXPECTED_4.length - 1);
  }, 300_000);
});

describe('the start helper gives each run a fresh session keyring', () => {
  it('a program started through it does not see the keyring it was started in', (ctx) => {
    const iso = detectIsolation();
    const tc = findToolchain();
    requireOrSkip(!!iso.init && !!tc, `needs scripts/fetch-tools.sh (helper: ${iso.init}, Go: ${!!tc})`, ctx);
    const dir = mkdtempSync(path.join(tmpdir(), 'leaklab-keyring-test-'));
    try {
      // Outside any sandbox (no seccomp here): describes the session keyring it possesses and
      // searches it for the login's key (/proc/keys would not do: it lists every key of this uid).
      writeFileSync(
        path.join(dir, 'main.go'),
        'package main\n\nimport (\n\t"fmt"\n\t"syscall"\n\t"unsafe"\n)\n\n' +
          'func cstr(s string) uintptr { b := append([]byte(s), 0); return uintptr(unsafe.Pointer(&b[0])) }\n\n' +
          'func main() {\n\tbuf := make([]byte, 256)\n' +
          '\tn, _, _ := syscall.Syscall6(syscall.SYS_KEYCTL, 6, ^uintptr(2), uintptr(unsafe.Pointer(&buf[0])), 256, 0, 0)\n' +
          '\tif int(n) > 0 {\n\t\tfmt.Println("session keyring:", string(buf[:n-1]))\n\t}\n' +
          `\t_, _, e := syscall.Syscall6(syscall.SYS_KEYCTL, 10, ^uintptr(2), cstr("user"), cstr("${KEY_DESC}"), 0, 0)\n` +
          '\tfmt.Println("login key found:", e == 0)\n}\n',
      );
      execFileSync(tc!.go, ['build', '-o', 'keys', 'main.go'], {
        cwd: dir,
        env: { ...process.env, GOTOOLCHAIN: 'local', GO111MODULE: 'off', CGO_ENABLED: '0', GOFLAGS: '' },
      });
      const helper = path.join(dir, 'keyring.py');
      writeFileSync(helper, IN_KEYRING);
      const run = (...argv: string[]) => execFileSync('/usr/bin/python3', [helper, KEY_DESC, KEY_SECRET, ...argv], { encoding: 'utf8' });
      // The check itself works: started directly, the program sees the login's key.
      const direct = run(path.join(dir, 'keys'));
      expect(direct).toMatch(/session keyring: .*;leaklab-test-login\n/);
      expect(direct).toContain('login key found: true');
      const helped = run(iso.init!, 'session', '--', path.join(dir, 'keys'));
      expect(helped).toMatch(/session keyring: .*;_ses\n/);
      expect(helped).toContain('login key found: false');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('a root server refuses caches others control (item 10)', () => {
  it('will not start on a module cache another user owns or can write', async (ctx) => {
    requireOrSkip(IS_ROOT && haveSandbox(), 'needs root (to make a directory owned by another user) and a sandbox', ctx);
    const tmp = mkdtempSync(path.join(tmpdir(), 'leaklab-owner-test-'));
    try {
      for (const [owner, mode] of [
        [NOBODY, 0o755],
        [0, 0o777],
      ]) {
        const cache = path.join(tmp, 'leaklab-modcache-0');
        rmSync(cache, { recursive: true, force: true });
        mkdirSync(cache);
        chmodSync(cache, mode);
        chownSync(cache, owner, owner);
        const err = await serverInKeyring(null, { TMPDIR: tmp }).then(
          async (t) => {
            await t.stop();
            return '';
          },
          (e: Error) => e.message,
        );
        expect(err).toMatch(/refusing it as the module cache/);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 300_000);

  it('keeps the module cache owned by the server and the build cache by the server or the sandbox uid', (ctx) => {
    requireOrSkip(IS_ROOT && haveSandbox(), 'needs root and a sandbox', ctx);
    const mod = path.join(tmpdir(), 'leaklab-modcache-0');
    if (!existsSync(mod)) return;
    const st = lstatSync(mod);
    expect(st.uid).toBe(0);
    expect(st.mode & 0o022).toBe(0);
  });
});
