#!/usr/bin/env bats
# raise.bats - `sigtool raise SIG`: the caller sees the default action of SIG
# on sigtool itself, whatever sigtool inherited.

bats_require_minimum_version 1.5.0
load helpers
load sendhelpers

@test "raise: terminating signals give 128+n" {
	run sigtool raise TERM
	assert_failure 143
	assert_output ''
	run sigtool raise USR1
	assert_failure 138
	run sigtool raise KILL
	assert_failure 137
	run sigtool raise RTMIN
	assert_failure $((128 + $(kill -l RTMIN)))
	run sigtool raise pipe
	assert_failure 141
}

@test "raise: signals whose default is to ignore give 0" {
	for sig in CHLD URG WINCH CONT; do
		run sigtool raise "$sig"
		assert_success
		assert_output ''
	done
}

@test "raise TERM under an inherited SIG_IGN" {
	env --ignore-signal=TERM true 2>/dev/null || skip "env has no --ignore-signal (coreutils 9.1+)"
	# the precondition, read by a program that changes nothing
	run env --ignore-signal=TERM grep SigIgn /proc/self/status
	assert_output --regexp '^SigIgn:.*[4-7c-f][0-9a-f]{3}$'
	run env --ignore-signal=TERM ${SIGTOOL_WRAPPER:-} "$SIGTOOL" raise TERM
	assert_failure 143
}

@test "raise TERM under an inherited blocked mask" {
	env --block-signal=TERM true 2>/dev/null || skip "env has no --block-signal (coreutils 9.1+)"
	run env --block-signal=TERM grep SigBlk /proc/self/status
	assert_output --regexp '^SigBlk:.*[4-7c-f][0-9a-f]{3}$'
	run env --block-signal=TERM ${SIGTOOL_WRAPPER:-} "$SIGTOOL" raise TERM
	assert_failure 143
}

@test "raise: a core dump where limits allow, none where they do not" {
	[ -z "${SIGTOOL_WRAPPER:-}" ] || skip "a checker changes how the process dumps core"
	! ldd "$SIGTOOL" 2>/dev/null | grep -q libasan || skip "AddressSanitizer turns core dumps off"
	run python3 - "$SIGTOOL" <<'EOF'
import os, resource, sys
def run(limit):
    pid = os.fork()
    if pid == 0:
        resource.setrlimit(resource.RLIMIT_CORE, (limit, resource.getrlimit(resource.RLIMIT_CORE)[1]))
        os.execv(sys.argv[1], [sys.argv[1], "raise", "QUIT"])
    _, st = os.waitpid(pid, 0)
    return "%d %s" % (os.WTERMSIG(st), os.WCOREDUMP(st))
print(run(0))
hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
print(run(hard) if hard != 0 else "hard limit 0")
EOF
	assert_success
	assert_line --index 0 "3 False"
	[ "${lines[1]}" != "hard limit 0" ] || skip "the hard RLIMIT_CORE is 0"
	assert_line --index 1 "3 True"
}

@test "raise STOP: sigtool stops; once continued it exits 0" {
	${SIGTOOL_WRAPPER:-} "$SIGTOOL" raise STOP &
	p=$!
	pids+=("$p")
	tries=500
	while [ "$(awk '{ print $3 }' "/proc/$p/stat")" != T ] && [ $((tries -= 1)) -gt 0 ]; do
		sleep 0.01
	done
	assert_equal "$(awk '{ print $3 }' "/proc/$p/stat")" T
	kill -CONT "$p"
	wait "$p"
}

# jobctl MODE SIG [control]: raise SIG with `sigtool raise SIG` (or, with
# "control", with kill(2) from a plain process, to show what the kernel does)
# from a process group set up by MODE, in a new session. Prints "pgrp=N"
# (for a job: "pgrp=N parent=P", the raiser's parent), then "stopped by SIG, STATE" with the State of /proc/PID/status if it
# stopped (it is then continued), then "status=N" or "signal=N". It waits
# with WUNTRACED, so it never polls and never hangs on a stop.
#   leader      the raiser leads the session: orphaned
#   member      a child of the session leader, in its group: orphaned
#   zombie      a group whose only member with a parent in another group of
#               the session is a zombie: orphaned
#   job         the raiser in a group of its own, parent the session leader
#               (a shell's job): not orphaned
#   job-member  the raiser's parent is in its group, and that parent's parent
#               is the session leader (a job of two processes): not orphaned
# Every process signalled is one it started. It execs python3, so that under
# `unshare -fp bash -c` the session leader is the namespace's init.
jobctl() {
	exec python3 - "$@" "$SIGTOOL" ${SIGTOOL_WRAPPER:-} <<'EOF'
import os, signal, sys

mode, sig, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
control = argv[0] == "control"
cmd = None if control else argv[1:] + [argv[0], "raise", sig]
signo = signal.Signals["SIG" + sig]

def raiser():
    """In the child: raise SIG; never returns."""
    try:
        if control:
            os.kill(os.getpid(), signo)
            os._exit(0)
        os.execvp(cmd[0], cmd)
    finally:
        os._exit(127)

def report(pid):
    _, st = os.waitpid(pid, os.WUNTRACED)
    if os.WIFSTOPPED(st):
        with open("/proc/%d/status" % pid) as f:
            state = [l.split(None, 1)[1].strip() for l in f if l.startswith("State:")][0]
        print("stopped by %s, %s" % (signal.Signals(os.WSTOPSIG(st)).name[3:], state), flush=True)
        os.kill(pid, signal.SIGCONT)
        _, st = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(st)
    print("status=%d" % code if code >= 0 else "signal=%d" % -code, flush=True)

def fork(child):
    pid = os.fork()
    if pid == 0:
        try:
            child()
        finally:
            os._exit(127)
    return pid

if mode == "leader":
    def lead():
        os.setsid()
        print("pgrp=%d" % os.getpid(), flush=True)
        raiser()
    report(fork(lead))
    sys.exit(0)

# The others: this process leads a new session (so it must not lead a group).
if os.getpgrp() == os.getpid():
    pid = os.fork()
    if pid:
        sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
os.setsid()

if mode == "member":
    print("pgrp=%d" % os.getpgrp(), flush=True)
    report(fork(raiser))
elif mode == "job":
    def job():
        os.setpgid(0, 0)
        print("pgrp=%d parent=%d" % (os.getpgrp(), os.getppid()), flush=True)
        raiser()
    report(fork(job))
elif mode == "job-member":
    def job():
        os.setpgid(0, 0)
        print("pgrp=%d" % os.getpgrp(), flush=True)
        report(fork(raiser))
        os._exit(0)
    os.waitpid(fork(job), 0)
elif mode == "zombie":
    go_r, go_w = os.pipe()
    done_r, done_w = os.pipe()
    def first():
        os.setpgid(0, 0)
        print("pgrp=%d" % os.getpgrp(), flush=True)
        def second():
            os.close(go_w)
            os.close(done_r)
            os.read(go_r, 1)  # the first is a zombie now, and we its orphan
            report(fork(raiser))
            os._exit(0)
        fork(second)
        os._exit(0)
    z = fork(first)
    os.close(go_r)
    os.close(done_w)
    os.waitid(os.P_PID, z, os.WEXITED | os.WNOWAIT)
    os.write(go_w, b"g")
    os.read(done_r, 1)  # end of file once the second is done
    os.waitpid(z, 0)
EOF
}

@test "raise TSTP, TTIN, TTOU in an orphaned process group: not raised, status 1" {
	for mode in leader member; do
		for sig in TSTP TTIN TTOU; do
			# what the kernel does there: discard them
			run jobctl "$mode" "$sig" control
			assert_success
			assert_line --index 1 "status=0"
			run jobctl "$mode" "$sig"
			assert_success
			pgrp=${lines[0]#pgrp=}
			assert_equal "${lines[0]}" "pgrp=$pgrp"
			assert_line --index 1 "sigtool: raise: $sig not raised: the kernel discards it because process group $pgrp is orphaned"
			assert_line --index 2 "status=1"
			assert_equal "${#lines[@]}" 3
		done
	done
}

@test "raise TSTP: a zombie in the group does not keep it from being orphaned" {
	run jobctl zombie TSTP control
	assert_success
	assert_line --index 1 "status=0"
	run jobctl zombie TSTP
	assert_success
	assert_line --index 1 "sigtool: raise: TSTP not raised: the kernel discards it because process group ${lines[0]#pgrp=} is orphaned"
	assert_line --index 2 "status=1"
}

@test "raise TSTP, TTIN, TTOU stop in a process group that is not orphaned" {
	for mode in job job-member; do
		for sig in TSTP TTIN TTOU; do
			run jobctl "$mode" "$sig" control
			assert_success
			assert_line --index 1 "stopped by $sig, T (stopped)"
			run jobctl "$mode" "$sig"
			assert_success
			refute_output --partial "not raised"
			if [ -z "${SIGTOOL_WRAPPER:-}" ]; then
				assert_line --index 1 "stopped by $sig, T (stopped)"
				assert_line --index 2 "status=0"
				assert_equal "${#lines[@]}" 3
			else
				# valgrind does not stop on TSTP as the kernel does, but
				# the check before raising it runs all the same
				assert_line --index 1 "status=0"
			fi
		done
	done
}

@test "raise STOP stops even in an orphaned process group" {
	run jobctl member STOP
	assert_success
	assert_line --index 1 "stopped by STOP, T (stopped)"
	assert_line --index 2 "status=0"
}

@test "raise TSTP: the init of a PID namespace is a parent like any other" {
	[ -z "${SIGTOOL_WRAPPER:-}" ] || skip "valgrind does not stop on TSTP as the kernel does"
	unshare -fp --mount-proc true 2>/dev/null || skip "cannot make a PID namespace here"
	# jobctl as the namespace's init leads the session; the job's parent is
	# pid 1 of the namespace, which the kernel does not pass over
	run unshare -fp --mount-proc bash -c "$(declare -f jobctl); jobctl job TSTP control"
	assert_success
	assert_line --index 0 --regexp '^pgrp=[0-9]+ parent=1$'
	assert_line --index 1 "stopped by TSTP, T (stopped)"
	run unshare -fp --mount-proc bash -c "$(declare -f jobctl); jobctl job TSTP"
	assert_success
	assert_line --index 0 --regexp '^pgrp=[0-9]+ parent=1$'
	assert_line --index 1 "stopped by TSTP, T (stopped)"
	assert_line --index 2 "status=0"
}

@test "raise TSTP: where /proc cannot tell, it is raised and the kernel decides" {
	unshare -m true 2>/dev/null || skip "cannot make a mount namespace here"
	# hidepid may hide members of the group: even root gets no verdict then
	run unshare -m bash -c "mount -t proc -o hidepid=invisible proc /proc || exit 99
		$(declare -f jobctl); jobctl member TSTP"
	[ "$status" -ne 99 ] || skip "cannot mount /proc with hidepid here"
	assert_success
	assert_line --index 1 "status=0"
	assert_equal "${#lines[@]}" 2
	# no /proc at all
	[ -z "${SIGTOOL_WRAPPER:-}" ] || skip "valgrind cannot run without /proc"
	! ldd "$SIGTOOL" 2>/dev/null | grep -q libasan || skip "LeakSanitizer cannot run without /proc"
	run unshare -m bash -c "umount -l /proc || exit 99; $(declare -f jobctl); jobctl member TSTP"
	[ "$status" -ne 99 ] || skip "cannot unmount /proc here"
	assert_success
	assert_line --index 1 "status=0"
	assert_equal "${#lines[@]}" 2
}

@test "raise: the init of a PID namespace survives, and says so" {
	[ -z "${SIGTOOL_WRAPPER:-}" ] || skip "a checker as init does not pass the signal to sigtool"
	run unshare -fp ${SIGTOOL_WRAPPER:-} "$SIGTOOL" raise TERM
	[ "$status" -ne 143 ] || skip "sigtool was not the namespace's init (a wrapper?)"
	assert_failure 1
	assert_output "sigtool: raise: TERM did not end sigtool (is it the init of a PID namespace? they get only the signals they catch)"
}

@test "raise: bad input" {
	run sigtool raise
	assert_failure 2
	assert_line --index 0 "sigtool: raise: missing signal"
	run sigtool raise 0
	assert_failure 2
	assert_line --index 0 "sigtool: raise: '0' is not a valid signal number (1-31, $(kill -l RTMIN)-$(kill -l RTMAX))"
	run sigtool raise TREM
	assert_failure 2
	assert_line --index 0 "sigtool: raise: unknown signal 'TREM' (did you mean TERM?)"
	run sigtool raise TERM INT
	assert_failure 2
	assert_line --index 0 "sigtool: raise: extra operand 'INT'"
	run sigtool raise --bogus TERM
	assert_failure 2
}

@test "raise: help and completion" {
	run sigtool raise --help
	assert_success
	assert_line --partial "128+n  sigtool was ended by SIG n"
	run sigtool --complete raise T
	assert_line --regexp $'^TERM\t'
	assert_line --regexp $'^TRAP\t'
	run sigtool --complete raise ''
	refute_line --regexp '^[0-9]'
}
