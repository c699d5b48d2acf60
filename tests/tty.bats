#!/usr/bin/env bats
# tty.bats - the supervised engine (`timeout`, `timer --signal`) under a real
# terminal: an interactive bash in a tmux pane of the test's own tmux server.
# The keys a user types go in with send-keys; what the shell printed comes
# back with capture-pane. Every wait is on a readiness condition (a PID file,
# a process state, a line on the screen), never on a fixed sleep.

bats_require_minimum_version 1.5.0
load helpers

setup() {
	command -v tmux >/dev/null || skip "tmux is not installed"
	T=$BATS_TEST_TMPDIR
	# a socket path must fit in sun_path (108 bytes): a short directory
	SOCKDIR=$(mktemp -d /tmp/sigtool-tty.XXXXXX)
	tmux -S "$SOCKDIR/s" -f /dev/null new-session -d -x 200 -y 50 \
		"env -i PATH='$PATH' HOME='$T' TERM=screen PS1='P> ' bash --norc --noprofile -i"
	screen_has '^P>'
}

teardown() {
	[ -n "${SOCKDIR:-}" ] || return 0
	tmux -S "$SOCKDIR/s" kill-server 2>/dev/null || true
	# the COMMANDs the tests started, if a failure left one behind
	for f in "$T"/pid*; do
		[ -s "$f" ] || continue
		while read -r p; do
			grep -qs 'sleep.20\.125\|sigtool-tty-test' "/proc/$p/cmdline" \
				&& kill -KILL "$p" 2>/dev/null
		done <"$f"
	done
	rm -rf "$SOCKDIR"
}

tm() { tmux -S "$SOCKDIR/s" "$@"; }

# type LINE: LINE and Enter, as typed at the keyboard.
type_line() { tm send-keys -l "$1"; tm send-keys Enter; }

screen() { tm capture-pane -p -S -100; }

# until_true SECONDS WHAT COMMAND...: run COMMAND until it succeeds, for at
# most SECONDS of wall time (a count of tries would stretch on a loaded
# machine); on time-out, say WHAT was awaited and fail.
until_true() {
	local end=$((SECONDS + $1)) what=$2
	shift 2
	until "$@"; do
		[ "$SECONDS" -lt "$end" ] || { echo "timed out waiting for $what" >&2; return 1; }
		sleep 0.02
	done
}

screen_matches() { screen | grep -Eq -- "$1"; }

# screen_has ERE: wait until a line of the pane matches ERE.
screen_has() {
	until_true 20 "/$1/ on the screen" screen_matches "$1" || { screen >&2; return 1; }
}

proc_state() { sed -n 's/.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null || true; }
state_in() { local st; st=$(proc_state "$1"); [[ -n $st && $2 == *"$st"* ]]; }

# state_is PID LETTERS: wait until PID's state (/proc/PID/stat) is one of
# LETTERS (S: asleep, as in a read; T: stopped).
state_is() { until_true 20 "PID $1 in state [$2]" state_in "$1" "$2"; }

comm_eq() { [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]; }

# comm_is PID NAME: wait until PID has exec'd NAME.
comm_is() { until_true 20 "PID $1 to run $2" comm_eq "$1" "$2"; }

# PID has ended (gone, or a zombie not yet reaped)
gone() { local st; st=$(proc_state "$1"); [ -z "$st" ] || [ "$st" = Z ]; }

loop_ended_or_went_on() { screen_matches '^status:' || [ "$(wc -l <"$T/pids")" -gt 1 ]; }

# Ctrl-C in a loop: bash ends the loop only if its foreground job died of
# INT (its wait-and-cooperative-exit rule), so sigtool must die of INT
# itself, not exit 130. A sigtool that exited 130 would let the loop start
# its second COMMAND, which the test sees as a second PID in $T/pids.
ctrl_c_loop() {
	type_line "for i in 1 2 3; do $1 sh -c 'echo \$\$ >> $T/pids; exec sleep 20.125'; done; echo done"
	wait_for_file "$T/pids"
	pid=$(head -n 1 "$T/pids")
	comm_is "$pid" sleep
	tm send-keys C-c
	type_line 'echo "status:$?"'
	# the loop is over (status line) or went on (a second COMMAND)
	until_true 20 "the loop to end or go on" loop_ended_or_went_on || { screen >&2; return 1; }
	run cat "$T/pids"
	assert_equal "${#lines[@]}" 1
	run screen
	assert_line "status:130"
	refute_line "done"
	gone "$pid"
}

@test "one Ctrl-C ends a shell loop of 'sigtool timeout' (sigtool dies of INT)" {
	ctrl_c_loop "'$SIGTOOL' timeout -v -s TERM 10"
	# the terminal's INT comes with no sender PID
	assert_line --regexp "got INT from the kernel or the terminal: forwarding it to process group [0-9]+$"
	assert_line --regexp "'sh' \(PID $pid\) was killed by signal INT$"
}

@test "one Ctrl-C ends a shell loop of 'sigtool timer --signal'" {
	ctrl_c_loop "'$SIGTOOL' timer -s TERM 10 --"
}

@test "one Ctrl-C ends a shell loop of 'sigtool timeout --foreground'" {
	ctrl_c_loop "'$SIGTOOL' timeout -f -s TERM 10"
}

# reader: a COMMAND that reads a line from the terminal and says what it
# read; its PID in $T/pid first.
reader() { echo "sh -c 'echo \$\$ > $T/pid; read -r l; echo \"read:\$l\"' sigtool-tty-test"; }

@test "--foreground: COMMAND reads the terminal" {
	type_line "'$SIGTOOL' timeout -f 30 $(reader); echo \"status:\$?\""
	wait_for_file "$T/pid"
	state_is "$(cat "$T/pid")" S
	type_line "hello"
	screen_has '^status:'
	run screen
	assert_line "read:hello"
	assert_line "status:0"
}

@test "--foreground: Ctrl-Z stops COMMAND and sigtool, fg continues both" {
	type_line "'$SIGTOOL' timeout -f 30 $(reader)"
	wait_for_file "$T/pid"
	pid=$(cat "$T/pid")
	state_is "$pid" S
	tm send-keys C-z
	screen_has 'Stopped'
	state_is "$pid" T
	sup=$(sed -n 's/.*) . \([0-9]*\) .*/\1/p' "/proc/$pid/stat")
	state_is "$sup" T
	# fg gives the job's status
	type_line 'fg; echo "status:$?"'
	state_is "$pid" S
	type_line "again"
	screen_has '^status:'
	run screen
	assert_line "read:again"
	assert_line "status:0"
}

@test "without --foreground: Ctrl-Z stops COMMAND's group and sigtool, fg continues both" {
	type_line "'$SIGTOOL' timeout -v 30 sh -c 'echo \$\$ > $T/pid; exec sleep 20.125'"
	wait_for_file "$T/pid"
	pid=$(cat "$T/pid")
	comm_is "$pid" sleep
	sup=$(sed -n 's/.*) . \([0-9]*\) .*/\1/p' "/proc/$pid/stat")
	tm send-keys C-z
	screen_has 'Stopped'
	state_is "$pid" T
	state_is "$sup" T
	type_line 'fg'
	screen_has 'continued: sending CONT to process group'
	state_is "$pid" S
	state_is "$sup" S
	tm send-keys C-c
	type_line 'echo "status:$?"'
	screen_has '^status:'
	run screen
	assert_line --regexp "got TSTP from the kernel or the terminal: stopping process group $pid and sigtool$"
	assert_line "status:130"
	gone "$pid"
}

@test "--foreground in the background: COMMAND stopped by TTIN, ended on time" {
	type_line "'$SIGTOOL' timeout -f 2 $(reader) & wait \$!; echo \"status:\$?\""
	wait_for_file "$T/pid"
	pid=$(cat "$T/pid")
	# read(2) from a background group: the kernel stops COMMAND with TTIN
	state_is "$pid" T
	screen_has '^status:'
	run screen
	assert_line "status:124"
	refute_line --regexp '^read:'
	gone "$pid"
}

@test "without --foreground: a COMMAND stopped by TTIN is still ended on time" {
	type_line "'$SIGTOOL' timeout 1 $(reader); echo \"status:\$?\""
	wait_for_file "$T/pid"
	pid=$(cat "$T/pid")
	# COMMAND leads a process group that is not the terminal's foreground
	state_is "$pid" T
	screen_has '^status:'
	run screen
	assert_line "status:124"
	gone "$pid"
}

@test "stty tostop, in the background: -v lines do not stop sigtool (TTOU)" {
	type_line "stty tostop; '$SIGTOOL' timeout -v 0.5 sh -c 'echo \$\$ > $T/pid; exec sleep 20.125' & wait \$!; echo \"status:\$?\""
	wait_for_file "$T/pid"
	pid=$(cat "$T/pid")
	screen_has '^status:'
	run screen
	assert_line "status:124"
	assert_line --regexp 'time limit reached: sending TERM'
	gone "$pid"
}
