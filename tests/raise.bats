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

@test "raise TSTP: stops in a process group that is not orphaned" {
	[ -z "${SIGTOOL_WRAPPER:-}" ] || skip "valgrind does not stop on TSTP as the kernel does"
	run timeout 20 setsid bash -c '
		set -m
		$0 "$1" raise TSTP & p=$!
		while [ -e /proc/$p ] && [ "$(cut -d" " -f3 /proc/$p/stat)" != T ]; do sleep 0.01; done
		echo stopped
		kill -CONT $p
		while wait $p; st=$?; [ $st -eq 148 ]; do :; done
		echo "status=$st"' "${SIGTOOL_WRAPPER:-}" "$SIGTOOL" < /dev/null
	assert_success
	assert_line "stopped"
	assert_line "status=0"
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
