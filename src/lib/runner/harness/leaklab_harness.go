// The leak-check harness, added to a learner's program as its second root file by
// src/lib/runner/harness.ts (instrument). The learner's func main is renamed in place to mαn (the
// same byte length, so Go's positions do not move); this file's main calls it, waits the way goleak
// does, and prints every goroutine's stack between markers on stderr. harness-source.ts embeds this
// file (npm run gen:harness writes it; tests/runner/harness-go.test.ts checks gofmt, vet and that the
// embedded copy is current).
//
// Written for any language version a learner's go.mod may pin (no generics, min/max or any).
//
// The nonce: read and removed from the environment by the first package-level initializer of this
// file, so the learner's main and goroutines cannot read it. Residual risk, documented: Go runs
// the initializers of imported packages (a txtar's own subpackages) and of files sorting before
// this one (prog.go) first, and those could read LEAKLAB_NONCE and forge a clean block.
//
// The goroutineleak profile (Go 1.27; 1.26 only under GOEXPERIMENT) is looked up by name, so the
// harness compiles on every release and falls back to runtime.Stack where it is absent.
//
// The strings "leaklab:busy ", "leaklab:profile goroutineleak\n", the markers and the list of
// runtime-owned functions are read by harness.ts (BUSY_PREFIX, LEAK_PROFILE_LINE, dumpBegin,
// RUNTIME_OWNED); the test checks both sides agree.

package main

import (
	leaklabbytes "bytes"
	leaklabos "os"
	leaklabruntime "runtime"
	leaklabdebug "runtime/debug"
	leaklabpprof "runtime/pprof"
	leaklabstrconv "strconv"
	leaklabsyscall "syscall"
	leaklabtime "time"
)

// leaklabCompiledNonce is replaced by the run's nonce when harness.ts adds this file to a program.
const leaklabCompiledNonce = "LEAKLAB_COMPILED_NONCE"

var leaklabNonce = leaklabTakeNonce()

func leaklabTakeNonce() string {
	n := leaklabos.Getenv("LEAKLAB_NONCE")
	leaklabos.Unsetenv("LEAKLAB_NONCE")
	if n == "" {
		n = leaklabCompiledNonce
	}
	// A panic then prints every goroutine, so the ones left blocked can still be counted.
	leaklabdebug.SetTraceback("all")
	return n
}

// Called through a variable so the compiler cannot inline it: the learner's main then appears
// in stacks as a real frame, main.main() with an offset, exactly as without the harness.
var leaklabMainFunc = mαn

func main() {
	leaklabMainFunc()
	var stacks []byte
	buf := make([]byte, 64<<10)
	// goleak's retry loop: goroutines that are about to finish get the chance to.
	for i := 0; ; i++ {
		stacks = nil
		// With one P (our runner sets GOMAXPROCS=1) no other goroutine can be on the CPU while this
		// one runs, so only multi-P runs need the check; on a loaded machine it also misreads
		// threads that wait for a CPU as busy.
		if leaklabruntime.GOMAXPROCS(0) > 1 && leaklabSpinning() {
			// Stopping the world to read stacks can hang under fake time while a goroutine is
			// busy in a loop (the runtime's retry waits on a clock that does not move). Threads
			// also run briefly while the scheduler looks for work: give them real time to settle.
			if i >= 60 {
				break
			}
			leaklabruntime.Gosched()
			leaklabsyscall.Nanosleep(&leaklabsyscall.Timespec{Nsec: 1000000}, nil)
			continue
		}
		buf = leaklabStacks(buf)
		stacks = buf
		others, busy := leaklabScan(stacks)
		if others == 0 || i >= 20 {
			break
		}
		if busy {
			// Under fake time the clock only moves when every goroutine is blocked, so with one
			// running or in a system call a sleep here would never end: yield instead.
			leaklabruntime.Gosched()
			continue
		}
		d := leaklabtime.Microsecond << uint(i)
		if d > 100*leaklabtime.Millisecond {
			d = 100 * leaklabtime.Millisecond
		}
		leaklabtime.Sleep(d)
	}
	if stacks == nil {
		// Still busy: report how many goroutines are left without their stacks.
		stacks = []byte("leaklab:busy " + leaklabstrconv.Itoa(leaklabruntime.NumGoroutine()-1))
	} else if p := leaklabpprof.Lookup("goroutineleak"); p != nil {
		// The runtime's own verdict: every goroutine, those no live goroutine can wake marked
		// "(leaked)" in their state.
		var b leaklabbytes.Buffer
		b.WriteString("leaklab:profile goroutineleak\n")
		if p.WriteTo(&b, 2) == nil {
			stacks = b.Bytes()
		}
	}
	out := append([]byte("\n<<<leaklab:goroutines:begin:"+leaklabNonce+">>>\n"), stacks...)
	out = append(out, "\n<<<leaklab:goroutines:end:"+leaklabNonce+">>>\n"...)
	leaklabos.Stderr.Write(out)
}

// leaklabSpinning reports whether another thread of the process is running, which means a
// goroutine is busy on the CPU. Without /proc it assumes not.
func leaklabSpinning() bool {
	self := leaklabstrconv.Itoa(leaklabsyscall.Gettid())
	tasks, err := leaklabos.ReadDir("/proc/self/task")
	if err != nil {
		return false
	}
	for _, t := range tasks {
		if t.Name() == self {
			continue
		}
		stat, err := leaklabos.ReadFile("/proc/self/task/" + t.Name() + "/stat")
		if err != nil {
			continue
		}
		if i := leaklabbytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) && stat[i+2] == 'R' {
			return true
		}
	}
	return false
}

func leaklabStacks(buf []byte) []byte {
	buf = buf[:cap(buf)]
	for {
		n := leaklabruntime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// leaklabScan counts goroutines other than this one (listed first) and the standard library's
// own, and reports whether any goroutine is running or in a system call.
func leaklabScan(stacks []byte) (others int, busy bool) {
	blocks := leaklabbytes.Split(stacks, []byte("\n\n"))
	for _, b := range blocks[1:] {
		owned := false
		for _, fn := range []string{"os/signal.signal_recv", "os/signal.loop", "runtime.ensureSigM", "runtime.ReadTrace", "runtime/trace.Start"} {
			if leaklabbytes.Contains(b, []byte("\n"+fn)) {
				owned = true
			}
		}
		if !leaklabbytes.HasPrefix(b, []byte("goroutine ")) {
			continue
		}
		if !owned {
			others++
		}
		header := b
		if nl := leaklabbytes.IndexByte(b, '\n'); nl >= 0 {
			header = b[:nl]
		}
		// The standard library's own goroutines count here: one in a system call stops the clock too.
		for _, state := range []string{"[running", "[runnable", "[syscall"} {
			if leaklabbytes.Contains(header, []byte(state)) {
				busy = true
			}
		}
	}
	return others, busy
}
