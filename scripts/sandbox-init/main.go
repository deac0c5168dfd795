// leaklab-init starts every sandboxed build and run (scripts/fetch-tools.sh builds it, static):
//
//	leaklab-init session -- CMD...           before bwrap: a fresh anonymous session keyring
//	leaklab-init limit NAME=N ... -- CMD...  inside bwrap: rlimits, counted in the run's user namespace
//
// It replaces host programs (prlimit) so the sandbox needs nothing from the host's /usr.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

const keyctlJoinSessionKeyring = 1

var rlimits = map[string]int{
	"cpu": syscall.RLIMIT_CPU, "data": syscall.RLIMIT_DATA, "fsize": syscall.RLIMIT_FSIZE,
	"nofile": syscall.RLIMIT_NOFILE, "core": syscall.RLIMIT_CORE, "stack": syscall.RLIMIT_STACK,
	"as": syscall.RLIMIT_AS, "nproc": 6, "memlock": 8, "msgqueue": 12,
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "leaklab-init: "+format+"\n", a...)
	os.Exit(125)
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "version" {
		// The server's probe that the sandbox starts at all.
		fmt.Println("leaklab-init 1")
		return
	}
	if len(os.Args) < 3 {
		fail("usage: leaklab-init session|limit [NAME=N...] -- CMD...")
	}
	sep := -1
	for i, a := range os.Args {
		if a == "--" {
			sep = i
			break
		}
	}
	if sep < 0 || sep+1 >= len(os.Args) {
		fail("no command after --")
	}
	switch os.Args[1] {
	case "session":
		// The caller's session keyring (a learner's login keeps Kerberos tickets and fscrypt keys
		// there) is replaced by an empty one that only this run holds.
		if _, _, e := syscall.Syscall(syscall.SYS_KEYCTL, keyctlJoinSessionKeyring, 0, 0); e != 0 {
			fail("new session keyring: %v", e)
		}
	case "limit":
		for _, kv := range os.Args[2:sep] {
			name, val, ok := strings.Cut(kv, "=")
			res, known := rlimits[name]
			n, err := strconv.ParseUint(val, 10, 64)
			if !ok || !known || err != nil {
				fail("bad limit %q", kv)
			}
			if err := syscall.Setrlimit(res, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
				fail("limit %s: %v", name, err)
			}
		}
	default:
		fail("unknown mode %q", os.Args[1])
	}
	cmd := os.Args[sep+1:]
	err := syscall.Exec(cmd[0], cmd, os.Environ())
	fail("%s: %v", cmd[0], err)
}
