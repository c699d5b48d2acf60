#!/usr/bin/env bats
# faults.bats - sigtool under hostile conditions: names and files full of
# terminal controls, output that cannot be written, pidfiles on strange
# files and filesystems, few descriptors, a full signal queue, stops during
# time limits, targets that end mid-escalation. Every process signalled is
# started here; every run that selects or reads a pidfile is inside its own
# PID namespace.

load helpers
bats_require_minimum_version 1.5.0

# A name that terminals would obey: C1 CSI (U+009B, bytes c2 9b), ESC, BEL.
EVIL=$'ev\xc2\x9b2J\x1b]0;x\x07il'

setup() {
	T=$BATS_TEST_TMPDIR
	cd "$T"
	pids=()
	# fault conditions, not memory: the binary itself, never under valgrind
	# (3.19 has no pidfd_open, which most of these paths need)
	unset SIGTOOL_WRAPPER
	export T SIGTOOL TESTS_BIN EVIL
}

teardown() {
	kill_children "${pids[@]}"
	[ -z "${Q:-}" ] || rm -rf "$Q"
}

# Only printable ASCII and newlines in FILE: no C0, C1, DEL or other byte
# above ASCII reached it (the messages are in the C locale).
printable_only() {
	if LC_ALL=C grep -n '[^[:print:]]' "$1"; then
		echo "raw control or non-ASCII bytes in $1:" >&2
		od -c "$1" | head -20 >&2
		return 1
	fi
}

# scenario SCRIPT: SCRIPT in bash in a new PID namespace and session, with
# S (the sigtool under test) and target NAME [OPTION...] (a state-target
# called NAME; its PID in $P once it is ready).
scenario() {
	isolated bash -c '
		S=$SIGTOOL
		target() {
			local name=$1; shift
			rm -f "$T/tgt.ready"
			"$TESTS_BIN/state-target" --ready "$T/tgt.ready" --name "$name" "$@" >/dev/null 2>&1 &
			while [ ! -s "$T/tgt.ready" ]; do sleep 0.01; done
			. "$T/tgt.ready"; P=$pid
		}
		'"$1"
}

# ---- names and files that hold terminal controls (defect 5) ---------------

@test "status, pending, mask --threads show a C1/ESC name as \\xHH, JSON keeps the code points" {
	run scenario '
		target "$EVIL" --block USR1 --raise USR1
		$S status "$P" > status.out 2>&1; echo "status=$?"
		$S pending "$P" > pending.out 2>&1; echo "pending=$?"
		$S mask --threads "$P" > mask.out 2>&1; echo "mask=$?"
		$S status --json "$P" | jq -j ".[0].name" | od -An -tx1 | tr -d " \n"; echo
		$S pending --json "$P" > pending.json
		$S mask --threads --json "$P" > mask.json
		jq -c ".[0].name" pending.json > /dev/null && echo json-ok'
	assert_success
	assert_line --index 0 status=0
	assert_line --index 1 pending=0
	assert_line --index 2 mask=0
	# the exact bytes of the name survive JSON ("ev" c2 9b "2J" 1b ...)
	assert_line --index 3 "6576c29b324a1b5d303b7807696c"
	assert_line --index 4 json-ok
	# ... escaped as code points, so that the JSON text is safe too
	for f in pending.json mask.json; do
		printable_only "$T/$f"
		grep -qF '"name":"ev\u009b2J\u001b]0;x\u0007il"' "$T/$f"
	done
	want='ev\xc2\x9b2J\x1b]0;x\x07il'
	for f in status pending mask; do
		printable_only "$T/$f.out"
		grep -qF "$want" "$T/$f.out" || { cat "$T/$f.out"; false; }
	done
}

@test "send -v, --require-handler and pidfd-send --expect-name: a selected C1 name is escaped on stdout and stderr" {
	run scenario '
		target "$EVIL"
		$S send -v --name "^ev" -n TERM > dry.out 2>&1; echo "dry=$?"
		$S send -r --name "^ev" HUP > skip.out 2> skip.err; echo "skip=$?"
		$S pidfd-send --expect-name other TERM "$P" > pfd.out 2> pfd.err; echo "pfd=$?"
		$S send --json -v -n --name "^ev" TERM | jq -j .comm | od -An -tx1 | tr -d " \n"; echo
		kill -0 "$P" && echo alive'
	assert_success
	assert_line --index 0 dry=0
	assert_line --index 1 skip=1
	assert_line --index 2 pfd=1
	assert_line --index 3 "6576c29b324a1b5d303b7807696c"
	assert_line --index 4 alive
	for f in dry.out skip.out skip.err pfd.out pfd.err; do
		printable_only "$T/$f"
	done
	grep -qF '(ev\xc2\x9b2J\x1b]0;x\x07il)' "$T/dry.out"
	grep -qF '(ev\xc2\x9b2J\x1b]0;x\x07il): has no handler for HUP' "$T/skip.err"
	grep -qF "its name is 'ev\\xc2\\x9b2J\\x1b]0;x\\x07il', not 'other'" "$T/pfd.err"
}

@test "a pidfile holding C1 and ESC bytes, and a pidfile path with them, are named with \\xHH" {
	printf '12\xc2\x9b\x1b[2J\n' > "$T/evil.pid"
	printf '\xc2\x9b' > "$T/c1.pid"
	run isolated bash -c '
		$SIGTOOL send --pidfile "$T/evil.pid" TERM 2> e1; echo "s1=$?"
		$SIGTOOL send --pidfile "$T/c1.pid" TERM 2> e2; echo "s2=$?"
		$SIGTOOL send --pidfile "$T/$EVIL" TERM 2> e3; echo "s3=$?"
		$SIGTOOL send -v --pidfile "$T/$EVIL" --pidfile "$T/c1.pid" TERM 2> e4; echo "s4=$?"'
	assert_success
	assert_line --index 0 s1=2
	assert_line --index 1 s2=2
	assert_line --index 2 s3=1
	for f in e1 e2 e3 e4; do
		printable_only "$T/$f"
	done
	grep -qF "invalid PID '\\xc2\\x9b'" "$T/e2"
	grep -qF "cannot read pidfile '$T/ev\\xc2\\x9b2J\\x1b]0;x\\x07il'" "$T/e3"
}

@test "a bad word with controls on the command line is named with \\xHH" {
	run sigtool $'\x1b[31mverb'
	assert_failure 2
	printf '%s\n' "$output" > out
	printable_only out
	assert_line --index 0 "sigtool: unknown verb '\\x1b[31mverb'"
	run sigtool describe $'TERM\xc2\x9b'
	assert_failure 2
	printf '%s\n' "$output" > out
	printable_only out
}

# ---- send says what the real run would meet (defects 6 and 8) -------------

@test "send -n as an unprivileged user: the same message and status as the real send, nothing sent" {
	run isolated bash -c '
		sleep 300 & P=$!
		as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
		for args in "TERM $P" "-q 5 USR1 $P" "TERM 1" "--thread $P TERM $P"; do
			as_nobody "$SIGTOOL" send -n $args > dry.out 2> dry.err; d=$?
			as_nobody "$SIGTOOL" send $args > real.out 2> real.err; r=$?
			echo "$args: dry=$d real=$r"
			cmp dry.err real.err && echo "same message: $(cat dry.err)"
			[ -s dry.out ] && echo "dry stdout: $(cat dry.out)"
		done
		# CONT reaches a process of our session without the right: a dry
		# run says so too
		as_nobody "$SIGTOOL" send -n CONT "$P"; echo "cont dry=$?"
		kill -0 "$P" && echo alive
		kill "$P"' 
	assert_success
	pid=$(sed -n '1s/^TERM \([0-9]*\): .*/\1/p' <<< "$output")
	assert_line --index 0 "TERM $pid: dry=1 real=1"
	assert_line --index 1 "same message: sigtool: send: $pid: operation not permitted"
	assert_line --index 2 "-q 5 USR1 $pid: dry=1 real=1"
	assert_line --index 3 "same message: sigtool: send: $pid: operation not permitted"
	assert_line --index 4 "TERM 1: dry=1 real=1"
	assert_line --index 5 "same message: sigtool: send: 1: operation not permitted"
	assert_line --index 6 "--thread $pid TERM $pid: dry=1 real=1"
	assert_line --index 7 "same message: sigtool: send: thread $pid of $pid: operation not permitted"
	assert_line --index 8 "would send CONT to $pid"
	assert_line --index 9 "cont dry=0"
	assert_line --index 10 alive
}

@test "send -n: a process that does not exist fails as in the real run" {
	run isolated bash -c '
		sleep 0 & P=$!; wait $P
		"$SIGTOOL" send -n TERM "$P" 2>&1; echo "dry=$?"'
	assert_success
	assert_line --index 0 --regexp '^sigtool: send: [0-9]+: no such process$'
	assert_line --index 1 dry=1
}

# A target whose real uid has RLIMIT_SIGPENDING 1 and blocks RTMIN: the
# first queued RTMIN waits in its queue, the next finds it full.
# (Its readiness file is in a directory of its own that uid 54321 may write.)
full_queue_target() {
	Q=$(mktemp -d /tmp/sigtool-faults.XXXXXX)
	chmod 777 "$Q"
	Q=$Q bash -c 'ulimit -i 1 && exec setpriv --reuid=54321 --regid=54321 --clear-groups \
		"$TESTS_BIN/state-target" --ready "$Q/q.ready" --block RTMIN,RTMIN+1' \
		> /dev/null 2>&1 &
	pids+=($!)
	wait_for_file "$Q/q.ready"
	. "$Q/q.ready"
}

@test "ulimit -i 1: a full signal queue is said as such, by send -q, pidfd-send -q and --json" {
	full_queue_target
	run sigtool send -q 1 RTMIN "$pid"
	assert_success
	run --separate-stderr sigtool send -q 2 RTMIN "$pid"
	assert_failure 1
	assert_equal "$stderr" "sigtool: send: $pid: the target's signal queue is full: RLIMIT_SIGPENDING"
	run --separate-stderr sigtool pidfd-send -q 3 RTMIN "$pid"
	assert_failure 1
	assert_equal "$stderr" "sigtool: pidfd-send: $pid: the target's signal queue is full: RLIMIT_SIGPENDING"
	run --separate-stderr sigtool send --json -q 4 RTMIN "$pid"
	assert_failure 1
	assert_equal "$(jq -r .error <<< "$output")" EAGAIN
	# what got through: exactly the first value
	run grep -E '^(SigQ|ShdPnd):' "/proc/$pid/status"
	assert_line --index 0 --regexp $'^SigQ:\t1/1$'
	assert_line --index 1 $'ShdPnd:\t0000000200000000'
}

@test "ulimit -i 1: a burst of send -q: one queued, every other refused with the message, the target unharmed" {
	full_queue_target
	ok=0 full=0
	for i in $(seq 50); do
		if sigtool send -q "$i" RTMIN "$pid" 2> err; then
			ok=$((ok + 1))
		elif grep -qx "sigtool: send: $pid: the target's signal queue is full: RLIMIT_SIGPENDING" err; then
			full=$((full + 1))
		fi
	done
	[ "$ok" -eq 1 ] && [ "$full" -eq 49 ] || fail "ok=$ok full=$full"
	kill -0 "$pid"
	grep -q $'^SigQ:\t1/1$' "/proc/$pid/status"
}

@test "send -v --then: a target that exits on its own around the KILL step is never said to have ended after KILL (100 races)" {
	# The target takes TERM (blocked, sigwaitinfo) and exits 0 from 15 to
	# 25 ms after it; KILL comes 20 ms after TERM. Its real end, from the
	# shell's wait, decides what send -v must say.
	cat > race.sh <<-'RACE'
	for i in $(seq 100); do
		rm -f t.rdy
		"$TESTS_BIN/sighelper" exit-after 15 $(( 20000 + (i % 11 - 5) * 1000 )) t.rdy & P=$!
		while [ ! -s t.rdy ]; do sleep 0.001; done
		out=$("$SIGTOOL" send -v --then 20ms:KILL TERM "$P")
		wait "$P"; st=$?
		echo "$st ${out##*$'\n'}"
	done 2>/dev/null
	RACE
	run bash race.sh
	assert_success
	exited=$(grep -c '^0 ' <<< "$output") || true
	killed=$(grep -c '^137 ' <<< "$output") || true
	[ "$((exited + killed))" -eq 100 ] || fail "other ends: $output"
	! grep -E '^0 .*ended after KILL' <<< "$output" || fail "an exit was said to be a KILL"
	! grep -Ev '^(0 [0-9]+ ended after TERM|137 [0-9]+ ended after KILL)$' <<< "$output" \
		|| fail "unexpected lines"
	echo "# exited on their own: $exited, killed: $killed" >&3
}

# ---- stdout that cannot be written ------------------------------------------

# A target of our own for the verbs that show or signal a process: it
# sleeps, and what it got shows in its state (T after STOP).
start_sleeper() {
	sleep 600 &
	S_PID=$!
	pids+=("$S_PID")
}

state_of() {
	sed 's/.*) \(.\).*/\1/' "/proc/$1/stat"
}

# Every verb that prints, each with a command line that prints something.
printing_commands() {
	cat <<-EOF
	list
	list 15
	describe TERM
	describe --status 143
	kill -l
	help send
	--version
	--complete send --
	mask --decode 2000
	mask --encode INT
	mask $S_PID
	mask --threads --json $S_PID
	pending $S_PID
	status $S_PID
	status --json $S_PID
	timer --get
	send -n TERM $S_PID
	send -v CONT $S_PID
	pidfd-send -v CONT $S_PID
	pidfd-send -n TERM $S_PID
	catch -c 1
	wait USR1 -- sh -c 'kill -USR1 \$PPID'
	EOF
}

@test "stdout to /dev/full: every printing verb says 'write error' and exits 1" {
	[ -w /dev/full ] || skip "no /dev/full"
	start_sleeper
	bad=0
	while read -r cmd; do
		st=0
		eval "sigtool $cmd" < /dev/null > /dev/full 2> err || st=$?
		verb=${cmd%% *}
		[ "$verb" = kill ] && verb=send
		case $verb in -*|help) msg="sigtool: write error: No space left on device" ;;
			*) msg="sigtool: $verb: write error: No space left on device" ;; esac
		if [ "$st" -ne 1 ] || [ "$(tail -n 1 err)" != "$msg" ]; then
			echo "'$cmd': status $st, stderr: $(cat err)"
			bad=$((bad + 1))
		fi
	done < <(printing_commands)
	[ "$bad" -eq 0 ]
	[ "$(state_of "$S_PID")" = S ]
}

@test "stdout closed: every printing verb says 'Bad file descriptor' and exits 1" {
	start_sleeper
	bad=0
	while read -r cmd; do
		st=0
		eval "sigtool $cmd" < /dev/null >&- 2> err || st=$?
		if [ "$st" -ne 1 ] || ! tail -n 1 err | grep -q ": write error: Bad file descriptor$"; then
			echo "'$cmd': status $st, stderr: $(cat err)"
			bad=$((bad + 1))
		fi
	done < <(printing_commands)
	[ "$bad" -eq 0 ]
}

@test "send -v and pidfd-send -v to /dev/full or closed: the signal still takes effect" {
	[ -w /dev/full ] || skip "no /dev/full"
	start_sleeper
	st=0; sigtool send -v STOP "$S_PID" > /dev/full 2> err || st=$?
	[ "$st" -eq 1 ]
	[ "$(state_of "$S_PID")" = T ]
	st=0; sigtool pidfd-send -v CONT "$S_PID" >&- 2> err || st=$?
	[ "$st" -eq 1 ]
	[ "$(state_of "$S_PID")" = S ]
}

# ---- stderr closed or a broken pipe while sigtool works ---------------------

# A pipe with no reader on fd 4 of the shell that runs ARGS: a FIFO opened
# read-write, then for writing, then its reading end closed (no race).
with_broken_pipe() {
	rm -f "$T/bp"
	mkfifo "$T/bp"
	bash -c 'exec 3<>"$1" 4>"$1" 3<&-; shift; "$@"' _ "$T/bp" "$@"
}

# Each verb that writes messages while it works, with stderr closed and
# with stderr a pipe whose reader is gone: it goes on, the real effect
# happens, its status is the one it would have had.
@test "stderr closed or a broken pipe: timer -v, timeout -v, wait -- CMD, send -v go on working" {
	for how in closed pipe; do
		if [ $how = closed ]; then redir='2>&-'; else redir='2>&4'; fi
		# the limits expire: COMMAND is ended, status 124 (messages lost)
		st=0; with_broken_pipe bash -c "\"\$SIGTOOL\" timeout -v 0.05 sleep 30 $redir" || st=$?
		[ "$st" -eq 124 ] || fail "timeout -v ($how): $st"
		st=0; with_broken_pipe bash -c "\"\$SIGTOOL\" timer -v -s TERM -k 1 0.05 -- sleep 30 $redir" || st=$?
		[ "$st" -eq 124 ] || fail "timer -v ($how): $st"
		# COMMAND ends first: its message is lost, the status is still 1
		st=0; with_broken_pipe bash -c "\"\$SIGTOOL\" wait USR1 -- true $redir" || st=$?
		[ "$st" -eq 1 ] || fail "wait -- true ($how): $st"
		# a bad target's message is lost, the good one is still signalled
		start_sleeper
		st=0; with_broken_pipe bash -c "\"\$SIGTOOL\" send -v STOP 2147483647 $S_PID $redir > out" || st=$?
		[ "$st" -eq 1 ] || fail "send -v ($how): $st"
		[ "$(state_of "$S_PID")" = T ] || fail "send -v ($how): not stopped"
		grep -qx "sent STOP to $S_PID" out
		kill -KILL "$S_PID"
	done
}

# ---- pidfiles on strange files and filesystems ------------------------------

@test "wait --pidfile on a full filesystem, a read-only one, a directory: refused by name, status 1, nothing left" {
	run unshare -m bash -c '
		M=$T/mnt; mkdir -p "$M"
		mount -t tmpfs -o size=8k tmpfs "$M" || exit 77
		dd if=/dev/zero of="$M/fill" bs=1k count=64 2>/dev/null
		"$SIGTOOL" wait --pidfile "$M/p" USR1; echo "full=$?"
		ls "$M"
		mount -o remount,ro "$M"
		"$SIGTOOL" wait --pidfile "$M/p" USR1; echo "ro=$?"
		mkdir -p "$T/dir"
		"$SIGTOOL" wait --pidfile "$T/dir" USR1; echo "dir=$?"'
	[ "$status" -ne 77 ] || skip "cannot mount a tmpfs here"
	assert_success
	assert_line "sigtool: wait: cannot write pidfile '$T/mnt/p': No space left on device"
	assert_line "full=1"
	assert_line --index 2 fill
	assert_line "sigtool: wait: cannot write pidfile '$T/mnt/p': Read-only file system"
	assert_line "ro=1"
	assert_line "sigtool: wait: cannot write pidfile '$T/dir': Is a directory"
	assert_line "dir=1"
}

@test "wait --pidfile over a symlink or a FIFO: replaced, never followed or opened; send --pidfile refuses them" {
	echo precious > target
	ln -s target link
	mkfifo fifo
	run sigtool wait --pidfile link USR1 -- sh -c '[ -L link ] && echo followed; cat link; kill -USR1 $PPID'
	assert_success
	assert_line --index 0 --regexp '^[0-9]+$'
	[ "$(cat target)" = precious ]
	run sigtool wait --pidfile fifo USR1 -- sh -c '[ -p fifo ] && echo fifo; cat fifo; kill -USR1 $PPID'
	assert_success
	assert_line --index 0 --regexp '^[0-9]+$'
	# reading: a FIFO and a directory are refused at once, a symlink to a
	# good pidfile is followed
	mkfifo fifo2
	mkdir dir
	start_sleeper
	echo "$S_PID" > good
	ln -s good link2
	run isolated bash -c '
		"$SIGTOOL" send --pidfile fifo2 TERM; echo "fifo=$?"
		"$SIGTOOL" send --pidfile dir TERM; echo "dir=$?"'
	assert_line "sigtool: send: cannot read pidfile 'fifo2': not a regular file"
	assert_line "fifo=1"
	assert_line "sigtool: send: cannot read pidfile 'dir': Is a directory"
	assert_line "dir=1"
	run sigtool send -v --pidfile link2 STOP
	assert_success
	assert_output "sent STOP to $S_PID (from link2)"
	[ "$(state_of "$S_PID")" = T ]
}

# ---- few file descriptors ------------------------------------------------------

@test "ulimit -n 3: every verb that needs a descriptor fails with a message, nothing sent; ulimit -n 4 is enough" {
	start_sleeper
	# (bats keeps fd 3 and more open: closed first, so the limit is all)
	lim() {
		bash -c 'for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
			ulimit -n "$1" && shift && exec "$@"' _ "$@" < /dev/null
	}
	# a dynamically linked sigtool (the sanitizer and valgrind builds) is not
	# even loaded with 3 descriptors: ld.so opens its libraries with them
	st=0; lim 3 "$SIGTOOL" --version > /dev/null 2>&1 || st=$?
	[ "$st" -ne 127 ] || skip "a dynamically linked sigtool cannot be loaded under ulimit -n 3"
	for cmd in "status $S_PID" "pending $S_PID" "mask $S_PID" "send STOP $S_PID" \
		   "pidfd-send STOP $S_PID" "wait -t 10ms USR1"; do
		st=0; lim 3 "$SIGTOOL" $cmd > out 2> err || st=$?
		[ "$st" -eq 1 ] || fail "'$cmd': status $st"
		grep -q "Too many open files" err || fail "'$cmd': $(cat err)"
		[ ! -s out ] || fail "'$cmd' printed $(cat out)"
	done
	for cmd in "timeout 0.01 sleep 1" "timer -s TERM 0.01 -- sleep 1" "wait USR1 -- true"; do
		st=0; lim 3 "$SIGTOOL" $cmd 2> err || st=$?
		[ "$st" -eq 125 ] || fail "'$cmd': status $st"
		grep -q "Too many open files" err || fail "'$cmd': $(cat err)"
	done
	[ "$(state_of "$S_PID")" = S ]
	# what needs no descriptor works with none to spare
	run lim 3 "$SIGTOOL" list 15
	assert_output TERM
	# one is enough to show and to send
	for cmd in "status $S_PID" "pending $S_PID" "mask $S_PID"; do
		lim 4 "$SIGTOOL" $cmd > /dev/null || fail "'$cmd' with ulimit -n 4"
	done
	run lim 4 "$SIGTOOL" send -v STOP "$S_PID"
	assert_success
	assert_output "sent STOP to $S_PID"
	[ "$(state_of "$S_PID")" = T ]
	run lim 4 "$SIGTOOL" wait -t 10ms USR1
	assert_failure 124
}

# ---- stopped during a time limit ----------------------------------------------

# stop_while_blocked PID SECONDS: once PID (a sigtool we started) blocks in
# poll or ppoll, its deadline armed, STOP it for SECONDS, then CONT it;
# cont_ns is the time of the CONT.
stop_while_blocked() {
	local a b now tries=1000
	a=$("$TESTS_BIN/forge" sysno-ppoll)
	b=$("$TESTS_BIN/forge" sysno-poll)
	while [ "$tries" -gt 0 ]; do
		now=$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)
		[ "$now" = "$a" ] || [ "$now" = "$b" ] && break
		sleep 0.01
		tries=$((tries - 1))
	done
	[ "$now" = "$a" ] || [ "$now" = "$b" ] || { echo "$1 never blocked in poll: $now" >&2; return 1; }
	kill -STOP "$1"
	sleep "$2"              # the fault itself: time passing while stopped
	cont_ns=$(date +%s%N)
	kill -CONT "$1"
}

# ms since the CONT
since_cont() {
	echo $(( ($(date +%s%N) - cont_ns) / 1000000 ))
}

@test "stopped past a --then step (send and pidfd-send), a timer --signal and a timeout limit: each acts at once on CONT" {
	for verb in send pidfd-send; do
		bash -c 'trap "" TERM; exec sleep 60' & q=$!
		pids+=("$q")
		# ready once the exec'd sleep ignores TERM
		until [ "$(readlink "/proc/$q/exe")" = "$(readlink -f "$(command -v sleep)")" ] \
			&& (( 0x$(awk '/^SigIgn/ {print $2}' "/proc/$q/status") & 0x4000 )); do
			sleep 0.01
		done
		"$SIGTOOL" $verb -v --then 1s:KILL TERM "$q" > out & s=$!
		pids+=("$s")
		stop_while_blocked "$s" 1.5
		st=0; wait "$s" || st=$?
		ms=$(since_cont)
		[ "$st" -eq 0 ] || fail "$verb: status $st"
		[ "$ms" -lt 900 ] || fail "$verb: KILL came $ms ms after CONT"
		grep -qx "sent KILL to $q" out || fail "$verb: $(cat out)"
	done
	"$SIGTOOL" timer -s TERM 1 -- sleep 60 & s=$!
	pids+=("$s")
	stop_while_blocked "$s" 1.5
	st=0; wait "$s" || st=$?
	ms=$(since_cont)
	[ "$st" -eq 124 ] && [ "$ms" -lt 900 ] || fail "timer: status $st, $ms ms after CONT"
	"$SIGTOOL" timeout 1 sleep 60 & s=$!
	pids+=("$s")
	stop_while_blocked "$s" 1.5
	st=0; wait "$s" || st=$?
	ms=$(since_cont)
	[ "$st" -eq 124 ] && [ "$ms" -lt 900 ] || fail "timeout: status $st, $ms ms after CONT"
}

# ---- the target ends mid-escalation -------------------------------------------

@test "a target that exits between --then steps: the later steps are not sent, it ended after the last signal it could catch" {
	# TERM is taken at 0 and it exits 100 ms later; the KILL step is at 600 ms
	"$TESTS_BIN/sighelper" exit-after 15 100000 t.rdy & p=$!
	pids+=("$p")
	wait_for_file t.rdy
	run sigtool send -v --then 600ms:KILL TERM "$p"
	assert_success
	assert_output "sent TERM to $p
$p ended after TERM"
	st=0; wait "$p" || st=$?
	[ "$st" -eq 0 ]
	# the same in JSON, with --wait after the steps
	"$TESTS_BIN/sighelper" exit-after 15 100000 t2.rdy & p=$!
	pids+=("$p")
	wait_for_file t2.rdy
	run sigtool send --json --then 600ms:KILL --wait=5s TERM "$p"
	assert_success
	run jq -c '[.event, .name]' <<< "$output"
	assert_output '["sent","TERM"]
["ended","TERM"]'
}
