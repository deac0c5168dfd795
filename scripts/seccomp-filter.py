#!/usr/bin/env python3
"""Writes the runner's seccomp filters with libseccomp (Debian's python3-seccomp), one per
architecture: .tools/seccomp/<arch>.bpf, classic BPF that `bwrap --seccomp FD` loads before it
executes a build, vet or run.

Default allow, like Docker's default profile and Flatpak's, minus what a Go program never needs
and what container escapes use: the kernel keyring, new namespaces, mounts, tracing, BPF, perf,
userfaultfd, io_uring, kexec, kernel modules, memory that no rlimit counts (memfd, SysV shm), the
clock and host administration. Calls from another ABI on the same CPU (i386 or x32 on x86_64) hit
libseccomp's bad-architecture action, set to kill the whole process (not only the thread).
Sockets: only AF_UNIX, AF_INET, AF_INET6 and AF_NETLINK (Go's net.Interfaces reads routes over
netlink); AF_VSOCK and the rest reach past the network namespace. Shared anonymous memory
(MAP_SHARED|MAP_ANONYMOUS) is not counted by RLIMIT_DATA, so mmap refuses it; Go never asks for it.

    python3 scripts/seccomp-filter.py OUT_DIR
"""
import errno
import os
import sys

import seccomp

# (libseccomp arch, name the server looks for: Node's process.arch)
ARCHES = [(seccomp.Arch.X86_64, "x64"), (seccomp.Arch.AARCH64, "arm64")]

DENY = """
keyctl add_key request_key
unshare setns
mount umount umount2 pivot_root chroot move_mount open_tree fsopen fsconfig fsmount fspick mount_setattr
ptrace process_vm_readv process_vm_writev kcmp pidfd_getfd
bpf perf_event_open userfaultfd
io_uring_setup io_uring_enter io_uring_register
kexec_load kexec_file_load init_module finit_module delete_module create_module query_module get_kernel_syms
memfd_create memfd_secret shmget shmat
msgget msgsnd msgrcv msgctl semget semop semtimedop semctl
mq_open mq_unlink mq_timedsend mq_timedreceive mq_notify mq_getsetattr
acct swapon swapoff reboot syslog vhangup quotactl quotactl_fd nfsservctl uselib ustat sysfs _sysctl
settimeofday stime clock_settime clock_adjtime adjtimex
iopl ioperm vm86 vm86old lookup_dcookie fanotify_init name_to_handle_at open_by_handle_at
mbind set_mempolicy migrate_pages move_pages
""".split()

# Namespace flags of clone(2) (flags are the first argument on x86_64 and arm64).
CLONE_NEW = {
    "CLONE_NEWNS": 0x00020000,
    "CLONE_NEWCGROUP": 0x02000000,
    "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000,
    "CLONE_NEWUSER": 0x10000000,
    "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000,
}
# Address families a Go program needs (AF_UNIX, AF_INET, AF_INET6, AF_NETLINK); AF_MAX is 46 today,
# and everything above the largest allowed one is refused by one GT rule.
SOCKET_FAMILIES = {1, 2, 10, 16}
MAP_SHARED_ANON = 0x01 | 0x20  # MAP_SHARED (and MAP_SHARED_VALIDATE, 0x03) with MAP_ANONYMOUS
TIOCSTI = 0x5412
TIOCLINUX = 0x541C


def build(arch):
    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    f.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.KILL_PROCESS)
    try:
        f.add_arch(arch)
    except RuntimeError:
        pass  # EEXIST: the architecture this script runs on
    else:
        f.remove_arch(seccomp.Arch.NATIVE)
    eperm = seccomp.ERRNO(errno.EPERM)
    for name in DENY:
        try:
            f.add_rule(eperm, name)
        except (RuntimeError, ValueError):
            pass  # not a system call on this architecture
    for flag in CLONE_NEW.values():
        f.add_rule(eperm, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    # clone3 passes its flags in memory a filter cannot read: ENOSYS makes libc and Go use clone.
    f.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    # The family is an int: compare the low 32 bits only.
    for call in ("socket", "socketpair"):
        for fam in range(max(SOCKET_FAMILIES)):
            if fam not in SOCKET_FAMILIES:
                f.add_rule(seccomp.ERRNO(errno.EAFNOSUPPORT), call, seccomp.Arg(0, seccomp.MASKED_EQ, 0xFFFFFFFF, fam))
        f.add_rule(seccomp.ERRNO(errno.EAFNOSUPPORT), call, seccomp.Arg(0, seccomp.GT, max(SOCKET_FAMILIES)))
    f.add_rule(eperm, "mmap", seccomp.Arg(3, seccomp.MASKED_EQ, MAP_SHARED_ANON, MAP_SHARED_ANON))
    # Typing into a terminal the server shares (bwrap's --new-session already detaches it).
    for req in (TIOCSTI, TIOCLINUX):
        f.add_rule(eperm, "ioctl", seccomp.Arg(1, seccomp.MASKED_EQ, 0xFFFFFFFF, req))
    return f


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for arch, name in ARCHES:
        tmp = os.path.join(out, f".{name}.bpf.tmp")
        with open(tmp, "wb") as fh:
            build(arch).export_bpf(fh)
        os.replace(tmp, os.path.join(out, f"{name}.bpf"))


if __name__ == "__main__":
    main()
