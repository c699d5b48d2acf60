#!/usr/bin/env bats
# pidfd-send.bats - `sigtool pidfd-send`: pidfd_open + pidfd_send_signal only,
# inherited pidfds, --scope, --expect-name, escalation, kernels without
# pidfds, and bad input that must send nothing. The marker convention of
# send.bats applies: USR1 refused, USR2 marker, first line "12" = nothing came.

bats_require_minimum_version 1.5.0
load helpers
load sendhelpers

# skip_if_old_kernel: --scope needs Linux 6.9; say so rather than fail.
need_scope() {
	local probe
	need_pidfds
	recv probe -- USR2
	if ! sigtool pidfd-send --scope process USR2 "$probe" 2>/dev/null; then
		kill -USR2 "$probe"
		skip "this kernel has no PIDFD_SIGNAL_* flags (Linux 6.9+)"
	fi
	wait "$probe"
}

@test "pidfd-send: SIG PID; the receiver sees SI_USER from sigtool" {
	need_pidfds
	recv a -- USR1
	run sender pidfd-send -v USR1 "$a"
	assert_success
	assert_output "sent USR1 to $a"
	wait "$a"
	assert_equal "$(cat a.out)" "10 SI_USER $(cat sender) $(id -u) -"
}

@test "pidfd-send --dry-run --verbose: says what it would send, sends nothing" {
	need_pidfds
	recv a -- USR1 USR2
	run sigtool pidfd-send --dry-run --verbose --then 1s:KILL USR1 "$a"
	assert_success
	assert_output "would send USR1 to $a
would send KILL to $a after 1s if it is still running"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "pidfd-send --value: a siginfo with SI_QUEUE, our PID and UID, and the value" {
	need_pidfds
	recv a -- RTMIN+2
	run sender pidfd-send -q -7 RTMIN+2 "$a"
	assert_success
	wait "$a"
	assert_equal "$(cat a.out)" "$(kill -l RTMIN+2) SI_QUEUE $(cat sender) $(id -u) -7"
}

@test "pidfd-send: signal 0 and a missing process" {
	need_pidfds
	recv a -- USR1 USR2
	run sigtool pidfd-send 0 "$a"
	assert_success
	run --separate-stderr sigtool pidfd-send -v USR1 "$NOPID" "$a"
	assert_failure 1
	assert_equal "$stderr" "sigtool: pidfd-send: $NOPID: no such process"
	assert_output "sent USR1 to $a"
	wait "$a"
	assert_equal "$(cut -d' ' -f1 a.out)" 10
}

@test "pidfd-send --fd: an inherited pidfd" {
	need_pidfds
	recv a -- USR1
	run "$TESTS_BIN/withpidfd" "$a" 7 ${SIGTOOL_WRAPPER:-} "$SIGTOOL" pidfd-send -v --fd 7 USR1
	assert_success
	assert_output "sent USR1 to pidfd 7 (PID $a)"
	wait "$a"
	assert_equal "$(cut -d' ' -f1,2 a.out)" "10 SI_USER"
}

@test "pidfd-send --fd --json: the fd is in the event" {
	recv a -- USR1
	run "$TESTS_BIN/withpidfd" "$a" 5 "$SIGTOOL" pidfd-send --json --fd 5 USR1
	assert_success
	assert_output "{\"event\":\"sent\",\"signo\":10,\"name\":\"USR1\",\"value\":null,\"target\":\"pidfd\",\"pid\":$a,\"fd\":5}"
	wait "$a"
}

@test "pidfd-send --fd: a process that has ended" {
	need_pidfds
	recv a -- USR2
	"$TESTS_BIN/withpidfd" "$a" 7 bash -c 'echo > opened; while [ -e /proc/$0 ]; do sleep 0.01; done
		exec $1 "$2" pidfd-send --fd 7 USR1' "$a" "${SIGTOOL_WRAPPER:-}" "$SIGTOOL" > out 2>&1 &
	job=$!
	wait_for_file opened
	marker a          # a ends and is reaped while the pidfd stays open
	st=0
	wait "$job" || st=$?
	assert_equal "$st" 1
	assert_equal "$(cat out)" "sigtool: pidfd-send: pidfd 7: the process has ended"
}

@test "pidfd-send --fd: a process outside our PID namespace" {
	need_pidfds
	recv a -- USR1 USR2
	run "$TESTS_BIN/withpidfd" "$a" 7 unshare -fp --mount-proc ${SIGTOOL_WRAPPER:-} "$SIGTOOL" \
		pidfd-send --fd 7 --expect-name sigrecv USR1
	assert_failure 1
	assert_output "sigtool: pidfd-send: pidfd 7: its PID is not visible here, so --expect-name cannot check it; not sent"
	run "$TESTS_BIN/withpidfd" "$a" 7 unshare -fp --mount-proc ${SIGTOOL_WRAPPER:-} "$SIGTOOL" \
		pidfd-send --fd 7 USR1
	assert_failure 1
	assert_output "sigtool: pidfd-send: pidfd 7: its process is outside our PID namespace, where the kernel lets no signal go"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "pidfd-send --fd: not a pidfd, or not open, is refused before sending" {
	bad pidfd-send --fd 0 USR1
	assert_line "sigtool: pidfd-send: --fd: file descriptor 0 is not a pidfd"
	bad pidfd-send --fd 99 USR1
	assert_line "sigtool: pidfd-send: --fd: file descriptor 99 is not open"
	bad pidfd-send --fd x USR1
	bad pidfd-send --fd -1 USR1
	bad pidfd-send --fd 2147483648 USR1
}

@test "pidfd-send --expect-name: refused unless /proc/PID/comm matches" {
	need_pidfds
	recv a -- USR1 USR2
	run sigtool pidfd-send --expect-name nginx USR1 "$a"
	assert_failure 1
	assert_output "sigtool: pidfd-send: $a: its name is 'sigrecv', not 'nginx'; not signalled"
	run --separate-stderr sigtool pidfd-send --json --expect-name sigrecv0 USR1 "$a"
	assert_failure 1
	assert_line --index 0 --partial '"event":"skipped"'
	assert_line --index 0 --partial '"error":"name-mismatch"'
	run sigtool pidfd-send -v --expect-name sigrecv USR2 "$a"
	assert_success
	assert_output "sent USR2 to $a"
	wait "$a"
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "pidfd-send --expect-name with --fd reads the name of the pidfd's process" {
	recv a -- USR1 USR2
	run "$TESTS_BIN/withpidfd" "$a" 6 "$SIGTOOL" pidfd-send --fd 6 --expect-name bash USR1
	assert_failure 1
	assert_output "sigtool: pidfd-send: pidfd 6 (PID $a): its name is 'sigrecv', not 'bash'; not signalled"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "pidfd-send --require-handler: as in send" {
	need_pidfds
	recv h -H USR1 -- USR1
	recv n -- USR2
	run --separate-stderr sigtool pidfd-send -r USR1 "$h" "$n"
	assert_failure 1
	assert_equal "$stderr" "sigtool: pidfd-send: $n: has no handler for USR1; not signalled (--require-handler)"
	wait "$h"
	marker n
	assert_equal "$(cut -d' ' -f1 h.out n.out | xargs)" "10 12"
}

@test "pidfd-send PID:INODE: a wrong inode is refused" {
	need_pidfds
	recv a -- USR1 USR2
	ino=$(pidfs_inode "$a")
	run sigtool pidfd-send USR1 "$a:$((ino + 1))"
	assert_failure 1
	assert_output "sigtool: pidfd-send: $a:$((ino + 1)): PID $a is now another process (pidfs inode $ino); not signalled"
	run sigtool pidfd-send -v USR2 "$a:$ino"
	assert_success
	assert_output "sent USR2 to $a:$ino"
	wait "$a"
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "pidfd-send: a thread ID is refused without --scope thread" {
	need_pidfds
	threads t 2 USR1
	run sigtool pidfd-send USR1 "${tids[1]}"
	assert_failure 1
	assert_output "sigtool: pidfd-send: ${tids[1]}: a thread, not a process (use --scope thread to signal one thread)"
}

@test "pidfd-send --scope thread: that thread alone gets it" {
	need_scope
	threads t 3 USR1
	run sender pidfd-send -v --scope thread USR1 "${tids[2]}"
	assert_success
	assert_output "sent USR1 to thread ${tids[2]}"
	wait "$t"
	assert_equal "$(cat t.out)" "${tids[2]} 10 SI_USER $(cat sender) -"
}

@test "pidfd-send --scope thread --value: SI_QUEUE to that thread" {
	need_scope
	threads t 3 USR1
	sigtool pidfd-send --scope thread -q 31 USR1 "${tids[0]}"
	wait "$t"
	assert_equal "$(cut -d' ' -f1,3,5 t.out)" "${tids[0]} SI_QUEUE 31"
}

@test "pidfd-send --scope process: the thread group" {
	need_scope
	recv a -- USR1
	run sigtool pidfd-send --scope process USR1 "$a"
	assert_success
	wait "$a"
}

@test "pidfd-send --scope process-group: the group the target leads" {
	need_scope
	setsid sh -c 'trap "" USR1; "$0" g1.ready USR1 > g1.out & "$0" g2.ready USR1 > g2.out & wait' \
		"$TESTS_BIN/sigrecv" &
	g=$!
	pids+=("$g")
	wait_for_file g1.ready
	wait_for_file g2.ready
	run sigtool pidfd-send -v --scope process-group USR1 "$g"
	assert_success
	wait "$g"
	assert_equal "$(cut -d' ' -f1 g1.out g2.out | xargs)" "10 10"
}

@test "pidfd-send --scope process-group: a target that leads no group" {
	need_scope
	recv a -- USR1 USR2
	run sigtool pidfd-send --scope process-group USR1 "$a"
	assert_failure 1
	assert_output "sigtool: pidfd-send: $a: it leads no process group (--scope process-group signals the group whose ID is its PID)"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "pidfd-send --then: escalation over the pidfd" {
	need_pidfds
	recv t -i TERM --
	run sigtool pidfd-send -v --then 200ms:KILL TERM "$t"
	assert_success
	assert_output "sent TERM to $t
sent KILL to $t
$t ended after KILL"
	st=0
	wait "$t" || st=$?
	assert_equal "$st" 137
}

@test "pidfd-send --wait=DUR: 124 when the target still runs" {
	need_pidfds
	recv t -i TERM --
	run --separate-stderr sigtool pidfd-send --wait=100ms TERM "$t"
	assert_failure 124
	assert_equal "$stderr" "sigtool: pidfd-send: $t is still running after 100ms"
}

@test "pidfd-send --fd --wait: waits on the inherited pidfd" {
	recv t --
	run "$TESTS_BIN/withpidfd" "$t" 4 "$SIGTOOL" pidfd-send -v --fd 4 --wait=10s TERM
	assert_success
	assert_line --index 1 "pidfd 4 (PID $t) ended after TERM"
}

# ---- kernels without pidfds or without the 6.9 flags (seccomp) ----------

@test "pidfd-send: without pidfds every target fails with a clear message" {
	need_sysfail
	recv a -- USR1 USR2
	run "$TESTS_BIN/sysfail" pidfd_open=ENOSYS pidfd_send_signal=ENOSYS -- \
		"$SIGTOOL" pidfd-send USR1 "$a"
	assert_failure 1
	assert_output "sigtool: pidfd-send: $a: kernel has no pidfds (Linux 5.3+ needed)"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "pidfd-send --scope: before 6.9 (EINVAL on flags) a clear message" {
	need_sysfail
	recv a -- USR1 USR2
	run "$TESTS_BIN/sysfail" pidfd_send_signal=EINVAL@3 -- "$SIGTOOL" pidfd-send --scope process USR1 "$a"
	assert_failure 1
	assert_output "sigtool: pidfd-send: $a: --scope needs PIDFD_SIGNAL_* flags, which this kernel lacks (Linux 6.9+ needed)"
	run "$TESTS_BIN/sysfail" pidfd_open=EINVAL@1 -- "$SIGTOOL" pidfd-send --scope thread USR1 "$a"
	assert_failure 1
	assert_output "sigtool: pidfd-send: $a: --scope thread needs PIDFD_THREAD, which this kernel lacks (Linux 6.9+ needed)"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

# ---- bad input -----------------------------------------------------------

@test "pidfd-send: bad input sends nothing" {
	bad pidfd-send TERM -1
	assert_line "sigtool: pidfd-send: invalid PID '-1': negative (use --pgid for a process group, --all for every process)"
	bad pidfd-send -9 @R@
	bad pidfd-send TREM @R@
	bad pidfd-send USR1 @R@ x
	bad pidfd-send USR1 @R@:
	bad pidfd-send --fd 3 USR1 @R@
	assert_line "sigtool: pidfd-send: --fd cannot be combined with PIDs"
	bad pidfd-send USR1
	assert_line "sigtool: pidfd-send: missing PID (or --fd)"
	bad pidfd-send
	bad pidfd-send --scope bogus USR1 @R@
	assert_line "sigtool: pidfd-send: --scope: invalid scope 'bogus' (use thread, process or process-group)"
	bad pidfd-send --expect-name '' USR1 @R@
	bad pidfd-send --expect-name systemd-journald USR1 @R@
	assert_line "sigtool: pidfd-send: --expect-name: 'systemd-journald' is longer than the 15 bytes the kernel keeps of a name; give 'systemd-journal'"
	bad pidfd-send -q 1x USR1 @R@
	bad pidfd-send --then 1s USR1 @R@
	bad pidfd-send --wait=1x USR1 @R@
	bad pidfd-send -r STOP @R@
	bad pidfd-send --pgid 1 USR1
}

# ---- help and completion -------------------------------------------------

@test "pidfd-send --help: exit statuses" {
	run sigtool pidfd-send --help
	assert_success
	assert_line "  124  --wait: a target was still running when DUR expired"
	assert_line --partial "--scope=SCOPE"
}

@test "pidfd-send: completion offers signals, PIDs and scopes" {
	recv a -- USR1 USR2
	run sigtool --complete pidfd-send ''
	assert_line --regexp $'^KILL\t'
	run sigtool --complete pidfd-send HUP ''
	assert_line --regexp "^$a"$'\tsigrecv$'
	run sigtool --complete pidfd-send --scope ''
	assert_output $'thread\t\nprocess\t\nprocess-group\t'
	run sigtool --complete pidfd-send --scope=process-
	assert_output $'--scope=process-group\t'
	marker a
}
