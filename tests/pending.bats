#!/usr/bin/env bats
# pending.bats - `sigtool pending`: signals pending for a process (ShdPnd)
# and for each of its threads (SigPnd), on targets that block signals and
# raise them so that they stay pending.

bats_require_minimum_version 1.5.0
load state-helpers

# A target with USR1 pending for the process, USR2 for its main thread and
# HUP for its second thread, each behind a block.
pending_target() {
	start_target --name tgt --block USR1,USR2,HUP --raise USR1 --tkill USR2 \
		--thread USR1,HUP:HUP "$@"
	read -r t0 t1 <<< "$tids"
}

@test "pending PID: process-wide and thread signals, in two columns" {
	pending_target
	run --separate-stderr sigtool pending "$pid"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^ *PID  NAME  PROCESS  THREADS$'
	assert_line --index 1 --regexp "^ *$pid  tgt   USR1     HUP,USR2\$"
	assert_equal "${#lines[@]}" 2
	# what the kernel says
	run grep -E '^(ShdPnd|SigPnd)' "/proc/$pid/status"
	assert_output $'SigPnd:\t0000000000000800\nShdPnd:\t0000000000000200'
}

@test "pending --threads: a line for the process, then one per thread" {
	pending_target
	run sigtool pending --threads "$pid"
	assert_success
	assert_line --index 0 --regexp '^ *PID +TID  NAME +PENDING$'
	assert_line --index 1 --regexp "^ *$pid +-  tgt +USR1\$"
	assert_line --index 2 --regexp "^ *$pid +$t0  tgt +USR2\$"
	assert_line --index 3 --regexp "^ *$pid +$t1  state-thr1  HUP\$"
	assert_equal "${#lines[@]}" 4
}

@test "pending --json: the process-wide set and every thread's" {
	pending_target
	run bash -c '"$SIGTOOL" pending --json "$1" | jq -c .' _ "$pid"
	assert_success
	assert_output "[{\"pid\":$pid,\"name\":\"tgt\",\"pending\":[\"USR1\"],\"threads\":[{\"tid\":$t0,\"name\":\"tgt\",\"pending\":[\"USR2\"]},{\"tid\":$t1,\"name\":\"state-thr1\",\"pending\":[\"HUP\"]}]}]"
	# --threads changes nothing in JSON, which is always complete
	run bash -c 'cmp <("$SIGTOOL" pending --json "$1") <("$SIGTOOL" pending --json --threads "$1")' _ "$pid"
	assert_success
	run sigtool pending --json "$pid"
	assert_success
}

@test "pending: nothing pending is '-'; real-time signals queue by name" {
	start_target --block RTMIN+2 --raise RTMIN+2
	local quiet=$pid
	start_target
	run sigtool pending "$quiet" "$pid"
	assert_success
	assert_line --index 1 --regexp "^ *$quiet  state-target  RTMIN\\+2 +-\$"
	assert_line --index 2 --regexp "^ *$pid  state-target  - +-\$"
}

@test "pending with no PID shows the parent process, i.e. the calling shell" {
	run sigtool mask --block USR1 -- bash -c 'kill -USR1 $$; ${SIGTOOL_WRAPPER:-} "$SIGTOOL" pending; true'
	assert_success
	assert_line --index 1 --regexp '^ *[0-9]+  bash +USR1 +-$'
}

@test "pending: a PID that does not exist gets a message and status 1; the others are shown" {
	pending_target
	local live=$pid
	start_target
	local dead=$pid
	kill -KILL "$dead"
	wait "$dead" || true
	run --separate-stderr sigtool pending "$live" "$dead" "$live"
	assert_failure 1
	assert_equal "$stderr" "sigtool: pending: $dead: no such process"
	assert_equal "${#lines[@]}" 3
	assert_line --index 1 --regexp "^ *$live  tgt "
	assert_line --index 2 --regexp "^ *$live  tgt "
	# all missing: no table at all
	run --separate-stderr sigtool pending "$dead"
	assert_failure 1
	assert_output ""
}

@test "pending --all: every process with something pending, and only those" {
	pending_target
	local busy=$pid
	start_target --block USR1
	local idle=$pid
	run --separate-stderr sigtool pending --all
	assert_success
	assert_line --index 0 --regexp '^ *PID  NAME +PROCESS +THREADS$'
	assert_line --regexp "^ *$busy  tgt +USR1 +HUP,USR2\$"
	refute_line --regexp "^ *$idle "
	run bash -c '"$SIGTOOL" pending --all --json | jq -c ".[] | select(.pid == $1) | .pending"' _ "$busy"
	assert_output '["USR1"]'
	run bash -c '"$SIGTOOL" pending --all --threads | grep -c "^ *$1 "' _ "$busy"
	assert_output 3
}

@test "pending: usage errors name the bad word; stdout stays empty" {
	for bad in 0 x1 -5 4294967296 ''; do
		run --separate-stderr sigtool pending 1 "$bad"
		assert_failure 2
		assert_output ""
		[[ $stderr == *"'$bad'"* || $stderr == *"empty PID"* || $stderr == *"'-5'"* ]] || fail "$stderr"
	done
	run --separate-stderr sigtool pending --all 1
	assert_failure 2
	[[ $stderr == *"--all takes no PID"* ]]
	run --separate-stderr sigtool pending --bogus
	assert_failure 2
}

@test "pending: /dev/full is status 1 with a message" {
	[ -w /dev/full ] || skip "no /dev/full"
	pending_target
	run --separate-stderr bash -c '"$SIGTOOL" pending "$1" > /dev/full' _ "$pid"
	assert_failure 1
	[[ $stderr == *"write error"* ]]
}
