#!/usr/bin/env bats
# status.bats - `sigtool status`, the psig of Linux: per signal the
# disposition, blocked and pending state and default action of targets
# with a known state; the notes (zombie, PID-namespace init, kernel thread,
# stopped, pending behind a block); --all with filters; JSON; and a
# cross-check of every process on the machine against ps.

bats_require_minimum_version 1.5.0
load state-helpers

# HUP and USR1 blocked (USR1 pending), QUIT and PIPE ignored, TERM caught.
known_target() {
	start_target --name tgt --block HUP,USR1 --ignore QUIT,PIPE --catch TERM --raise USR1 "$@"
}

sigq_limit() {
	sed -n 's/^SigQ:\t[0-9]*\/\([0-9]*\)$/\1/p' "/proc/$1/status"
}

@test "status PID: the compact table of a known state, and its note" {
	known_target
	run --separate-stderr sigtool status "$pid"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp "^PID $pid \\(tgt\\): state S \\(sleeping\\), signals queued [0-9]+ of [0-9]+\$"
	# queued counts every pending signal of the user (other tests' too)
	assert_line --index 0 --regexp " of $(sigq_limit "$pid")\$"
	assert_equal "$(printf '%s\n' "${lines[@]:1}")" "NUM  NAME  DISPOSITION  BLOCKED  PENDING  DEFAULT
  1  HUP   default      yes      -        Term
  3  QUIT  ignored      -        -        Core
 10  USR1  default      yes      process  Term
 13  PIPE  ignored      -        -        Term
 15  TERM  caught       -        -        Term
note: USR1: blocked and pending; delivered when unblocked"
}

@test "status --all-signals: a line for every valid signal, with its default action" {
	known_target
	run sigtool status --all-signals "$pid"
	assert_success
	assert_equal "${#lines[@]}" $(( $(valid_count) + 3 ))
	assert_line "  9  KILL      default      -        -        Term"
	assert_line " 17  CHLD      default      -        -        Ign"
	assert_line " 19  STOP      default      -        -        Stop"
	assert_line " 64  RTMAX     default      -        -        Term"
	assert_line " 10  USR1      default      yes      process  Term"
}

@test "status: a process with every signal at rest says so in one line" {
	start_target
	run sigtool status "$pid"
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 1 "every signal: default disposition, not blocked, not pending"
}

@test "status --threads: each thread's blocked and pending sets; thread-pending signals" {
	start_target --name tgt --block USR1,USR2 --tkill USR2 --thread USR1,HUP:HUP
	read -r t0 t1 <<< "$tids"
	run sigtool status --threads "$pid"
	assert_success
	assert_line "  1  HUP   default      -        thread   Term"
	assert_line " 12  USR2  default      yes      thread   Term"
	assert_line --regexp '^ *TID  NAME +BLOCKED +PENDING$'
	assert_line --regexp "^ *$t0  tgt +USR1,USR2  USR2\$"
	assert_line --regexp "^ *$t1  state-thr1  HUP,USR1 +HUP\$"
	assert_line "note: HUP,USR2: blocked and pending; delivered when unblocked"
}

@test "status --json: the spec's shape, every valid signal, exact values" {
	known_target --thread HUP,USR1,USR2:USR2
	read -r t0 t1 <<< "$tids"
	run bash -c '"$SIGTOOL" status --json "$1" > "$2/s.json"' _ "$pid" "$BATS_TEST_TMPDIR"
	assert_success
	j=$BATS_TEST_TMPDIR/s.json
	run jq -c '[.[0] | keys_unsorted, (.sigq | keys_unsorted), (.signals[0] | keys_unsorted), (.threads[0] | keys_unsorted)]' "$j"
	assert_output '[["pid","name","state","sigq","signals","threads","notes"],["queued","limit"],["signo","name","disposition","blocked","pending"],["tid","name","blocked","pending"]]'
	run jq -r '.[0].signals[].signo' "$j"
	assert_output "$(sigtool list --format=numbers)"
	run jq -c '.[0] | [.pid, .name, .state, .sigq.limit, .sigq.queued >= 2]' "$j"
	assert_output "[$pid,\"tgt\",\"S\",$(sigq_limit "$pid"),true]"
	run jq -c '.[0].signals[] | select(.disposition != "default" or .blocked or .pending)' "$j"
	assert_output '{"signo":1,"name":"HUP","disposition":"default","blocked":true,"pending":false}
{"signo":3,"name":"QUIT","disposition":"ignored","blocked":false,"pending":false}
{"signo":10,"name":"USR1","disposition":"default","blocked":true,"pending":true}
{"signo":12,"name":"USR2","disposition":"default","blocked":false,"pending":true}
{"signo":13,"name":"PIPE","disposition":"ignored","blocked":false,"pending":false}
{"signo":15,"name":"TERM","disposition":"caught","blocked":false,"pending":false}'
	run jq -c '.[0].threads, .[0].notes' "$j"
	assert_output "[{\"tid\":$t0,\"name\":\"tgt\",\"blocked\":[\"HUP\",\"USR1\"],\"pending\":[]},{\"tid\":$t1,\"name\":\"state-thr1\",\"blocked\":[\"HUP\",\"USR1\",\"USR2\"],\"pending\":[\"USR2\"]}]
[\"USR1,USR2: blocked and pending; delivered when unblocked\"]"
}

@test "status --json: names are escaped, invalid UTF-8 becomes U+FFFD" {
	start_target --name $'a"b\tc\xff'
	run bash -c '"$SIGTOOL" status --json "$1" | jq -c ".[0].name"' _ "$pid"
	assert_success
	assert_output '"a\"b\tc�"'
	# for people: control bytes and invalid UTF-8 as \xHH, byte by byte
	run sigtool status "$pid"
	assert_line --index 0 --regexp "^PID $pid \\(a\"b\\\\x09c\\\\xff\\): "
}

@test "status with no PID shows the parent process, i.e. the calling shell" {
	run bash -c 'trap "" QUIT; trap : USR1; ${SIGTOOL_WRAPPER:-} "$SIGTOOL" status; echo "shell $$"'
	assert_success
	shell=${lines[-1]#shell }
	assert_line --index 0 --regexp "^PID $shell \\(bash\\): "
	assert_line --regexp '^  3  QUIT +ignored '
	assert_line --regexp '^ 10  USR1 +caught '
}

# ---- notes ----------------------------------------------------------------

@test "status: a zombie is noted, with its parent" {
	start_target --name tgt --zombie
	run sigtool status "$zombie"
	assert_success
	assert_line --index 0 --regexp "^PID $zombie \\(tgt\\): state Z \\(zombie\\), "
	assert_line "note: zombie: the process has ended and waits for its parent (PID $pid) to reap it; no signal can act on it any more"
	run bash -c '"$SIGTOOL" status --json "$1" | jq -r ".[0].state, .[0].notes[0]"' _ "$zombie"
	assert_line --index 0 "Z"
	assert_line --index 1 --partial "zombie: the process has ended"
}

@test "status on a terminal: a long note wraps at 80 columns under itself, every word kept" {
	start_target --name tgt --zombie
	run on_pty sigtool status "$zombie"
	assert_success
	# where it breaks depends on the digits of the PID
	assert_line --regexp "^note: zombie: the process has ended and waits for its parent \\(PID $pid\\) to"
	assert_line --regexp "^      [a-z ]*it; no signal can act on it any more$"
	[ "$(widest <<< "$output")" -le 80 ]
	wrapped=$output
	run sigtool status "$zombie"
	assert_equal "$(words <<< "$wrapped")" "$(words <<< "$output")"
}

@test "status: PID 1 of a PID namespace is noted, from inside and from outside" {
	unshare -fp --mount-proc true 2>/dev/null || skip "cannot make a PID namespace here"
	note="init of a PID namespace (PID 1 there): a signal whose disposition is default is dropped when sent from inside that namespace, KILL and STOP included; from an ancestor namespace only KILL and STOP get through"
	run unshare -fp --mount-proc ${SIGTOOL_WRAPPER:-} "$SIGTOOL" status 1
	assert_success
	assert_line "note: $note"
	# from outside: the target is PID 1 of a namespace of its own
	local ready=$BATS_TEST_TMPDIR/nsready
	unshare -fp --kill-child "$STATE_TARGET" --ready "$ready" --catch TERM >/dev/null 2>&1 3>&- &
	STARTED+=($!)
	wait_for_file "$ready"
	. "$ready"
	assert_equal "$pid" 1
	host=$(cat "/proc/${STARTED[-1]}/task/${STARTED[-1]}/children")
	host=${host%% *}
	run grep NSpid "/proc/$host/status"
	assert_output --regexp $'^NSpid:\t'"$host"$'\t1$'
	run sigtool status "$host"
	assert_success
	assert_line " 15  TERM  caught       -        -        Term"
	assert_line "note: $note"
	run bash -c '"$SIGTOOL" status --json "$1" | jq -r ".[0].notes[]"' _ "$host"
	assert_output "$note"
}

@test "status: a traced process is noted with its tracer, and its tracing stop" {
	start_target --name tgt --traced
	[ "$traced" -gt 0 ] || skip "ptrace is not permitted here"
	assert_equal "$(awk '/^TracerPid:/ { print $2 }' "/proc/$traced/status")" "$pid"
	run --separate-stderr sigtool status "$traced"
	assert_success
	assert_line --index 0 --regexp "^PID $traced \\(tracee\\): state t \\(stopped by its tracer\\), "
	assert_line "note: traced by PID $pid: every signal but KILL stops it and goes to the tracer first, which may drop it"
	run bash -c '"$SIGTOOL" status --json "$1" | jq -r ".[0].state, .[0].notes[]"' _ "$traced"
	assert_success
	assert_line --index 0 "t"
	assert_line "traced by PID $pid: every signal but KILL stops it and goes to the tracer first, which may drop it"
	# a process nobody traces has no such note
	run sigtool status "$pid"
	refute_output --partial "traced by"
}

@test "status: a kernel thread is noted, and ignores everything" {
	[ "$(sed -n 's/^Name:\t//p' /proc/2/status 2>/dev/null)" = kthreadd ] \
		|| skip "PID 2 is not kthreadd here (a container?)"
	run sigtool status 2
	assert_success
	assert_line "note: kernel thread: it ignores every signal it has not asked for, KILL and STOP included"
	run bash -c '"$SIGTOOL" status --json 2 | jq -r "[.[0].signals[].disposition] | unique | .[]"'
	assert_output "ignored"
}

@test "status: a stopped process is noted; signals sent meanwhile stay pending" {
	start_target --name tgt --catch USR1
	kill -STOP "$pid"
	for _ in $(seq 100); do
		[ "$(sed -n 's/^State:\t\(.\).*/\1/p' "/proc/$pid/status")" = T ] && break
		sleep 0.02
	done
	kill -USR1 "$pid"
	run sigtool status "$pid"
	assert_success
	assert_line --index 0 --regexp "^PID $pid \\(tgt\\): state T \\(stopped\\), "
	assert_line " 10  USR1  caught       -        process  Term"
	assert_line "note: stopped: only KILL and CONT act until it is continued; other signals stay pending"
}

@test "status: a thread ID given as PID is shown with a note saying so" {
	start_target --name tgt --block USR1 --thread USR2
	read -r t0 t1 <<< "$tids"
	run sigtool status "$t1"
	assert_success
	assert_line --index 0 --regexp "^PID $t1 \\(state-thr1\\): "
	assert_line " 12  USR2  default      yes      -        Term"
	assert_line "note: $t1 is a thread of process $pid: BLOCKED and the thread pending set are this thread's; dispositions belong to the whole process"
}

# ---- --all and filters ----------------------------------------------------

@test "status --all: one line per process, masks in hex as ps prints them" {
	known_target
	run --separate-stderr sigtool status --all
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^ *PID  S  PENDING +BLOCKED +IGNORED +CAUGHT +NAME$'
	assert_line --regexp "^ *$pid  S  0000000000000200  0000000000000201  0000000000001004  0000000000004000  tgt\$"
	assert_line --regexp "^ *$$  . "
}

@test "status --all leaves kernel threads out unless --kernel-threads" {
	[ "$(cat /proc/2/comm 2>/dev/null)" = kthreadd ] || skip "no kernel thread visible here"
	run sigtool status --all
	refute_line --regexp "^ +2  .*  kthreadd$"
	run sigtool status --all --kernel-threads
	assert_line --regexp "^ +2  .*  kthreadd$"
}

@test "status --all with filters: only the processes that match every one" {
	start_target --name both --ignore TERM --catch USR2 --block RTMIN+3
	local both=$pid
	start_target --name termonly --ignore TERM
	local termonly=$pid
	start_target --name pend --block HUP --raise HUP
	local pend=$pid
	run sigtool status --all --ignored TERM --caught USR2 --blocked RTMIN+3
	assert_success
	assert_line --regexp "^ *$both  S  .*  both\$"
	refute_line --regexp "^ *$termonly "
	run sigtool status --all --ignored sigterm
	assert_line --regexp "^ *$both "
	assert_line --regexp "^ *$termonly "
	refute_line --regexp "^ *$pend "
	run sigtool status --all --pending HUP --blocked HUP
	assert_line --regexp "^ *$pend  S  0000000000000001  0000000000000001  "
	refute_line --regexp "^ *$both "
	# a filter takes a set: the process has every signal of it
	run sigtool status --all --ignored TERM,USR2
	assert_success
	# (kernel threads, which ignore everything, are left out: may be empty)
	! grep -Eq "^ *$both " <<<"$output"
	# nothing matches: nothing printed, status 0
	run --separate-stderr sigtool status --all --blocked KILL
	assert_success
	assert_output ""
	run bash -c '"$SIGTOOL" status --all --json --blocked KILL'
	assert_output "[]"
}

@test "status --all --json: every process in the spec's shape" {
	known_target
	run bash -c '"$SIGTOOL" status --all --json > "$1/all.json"' _ "$BATS_TEST_TMPDIR"
	assert_success
	j=$BATS_TEST_TMPDIR/all.json
	run jq -r --argjson n "$(valid_count)" '[.[] | select((.signals | length) != $n)] | length' "$j"
	assert_output 0
	run jq -c --argjson p "$pid" '.[] | select(.pid == $p) | [.name, [.signals[] | select(.pending) | .name]]' "$j"
	assert_output '["tgt",["USR1"]]'
	run jq 'length > 3' "$j"
	assert_output true
}

@test "status --all: processes that end while the scan runs are skipped silently" {
	# many short-lived children of this test, started and ended meanwhile
	( for _ in $(seq 400); do /bin/true & done; wait ) 3>&- &
	local churn=$!
	for _ in 1 2 3 4 5; do
		run --separate-stderr bash -c '"$SIGTOOL" status --all --json | jq -e "length > 0" >/dev/null'
		assert_success
		assert_equal "$stderr" ""
		run --separate-stderr sigtool pending --all
		assert_success
		assert_equal "$stderr" ""
	done
	wait "$churn"
}

# ---- the cross-check with ps ----------------------------------------------

# PID pending blocked ignored caught (hex) of the processes in a status
# --json document, recomputed from its signals and threads: "pending" is
# split in what is pending for the process or a thread (threads' own sets).
masks_from_json() {
	jq -r '.[] | [.pid,
		([.signals[] | select(.pending) | .signo] | join(",")),
		([.signals[] | select(.blocked) | .signo] | join(",")),
		([.signals[] | select(.disposition == "ignored") | .signo] | join(",")),
		([.signals[] | select(.disposition == "caught") | .signo] | join(",")),
		([.threads[].pending[]] | unique | join(","))] | map(if . == "" then "-" else . end) | join(" ")' |
	while read -r p pend blk ign cgt thr; do
		printf '%s %016x %016x %016x %016x %s\n' "$p" "$(tomask "$pend")" "$(tomask "$blk")" \
			"$(tomask "$ign")" "$(tomask "$cgt")" "$thr"
	done
}

tomask() {
	local m=0 s
	[ "$1" = - ] && { echo 0; return; }
	for s in ${1//,/ }; do m=$(( m | (1 << (s - 1)) )); done
	echo "$m"
}

# Compare one process: ps's pending column is ShdPnd alone, so it must be
# within sigtool's pending, and the rest must be what threads have pending;
# blocked, ignored and caught are equal on the valid signals (ps also shows
# bits 32 and 33, which glibc uses internally and which are no signals).
same_as_ps() {
	local p=$1 pend=$2 blk=$3 ign=$4 cgt=$5 thr=$6 ps_line valid tmask
	ps_line=$(ps -o pending=,blocked=,ignored=,caught= -p "$p") || return 2   # gone
	read -r ppend pblk pign pcgt <<< "$ps_line"
	valid=$(( 0x$("$SIGTOOL" mask --encode all) | (1 << 8) | (1 << 18) ))
	tmask=0
	[ "$thr" = - ] || tmask=$("$SIGTOOL" mask --encode "$thr" | sed 's/^/0x/')
	(( (0x$ppend & ~0x$pend) == 0 )) || return 1
	(( (0x$pend & ~0x$ppend & ~tmask) == 0 )) || return 1
	(( (0x$pblk & valid) == 0x$blk && (0x$pign & valid) == 0x$ign && (0x$pcgt & valid) == 0x$cgt ))
}

@test "cross-check: the masks in status --json equal ps -eo pid,pending,blocked,ignored,caught" {
	known_target --thread HUP,USR1,USR2:USR2
	local target=$pid
	"$SIGTOOL" status --all --json | masks_from_json > "$BATS_TEST_TMPDIR/sig"
	local compared=0 mismatched=()
	while read -r p pend blk ign cgt thr; do
		rc=0
		same_as_ps "$p" "$pend" "$blk" "$ign" "$cgt" "$thr" || rc=$?
		case $rc in
		0) compared=$((compared + 1)) ;;
		1) mismatched+=("$p") ;;
		esac            # 2: the process is gone
	done < "$BATS_TEST_TMPDIR/sig"
	# A process may change its mask between the two reads (a shell around
	# fork): look at it again, both ways, a few times.
	local p tries
	for p in "${mismatched[@]}"; do
		for tries in 1 2 3 4 5; do
			line=$("$SIGTOOL" status --json "$p" 2>/dev/null | masks_from_json) || { line=; break; }
			[ -n "$line" ] || break
			rc=0
			same_as_ps $line || rc=$?
			[ "$rc" = 0 ] || [ "$rc" = 2 ] && break
			[ "$tries" = 5 ] && fail "process $p: sigtool says '$line', ps says '$(ps -o pending=,blocked=,ignored=,caught= -p "$p")'"
			sleep 0.1
		done
		compared=$((compared + 1))
	done
	[ "$compared" -ge 10 ] || fail "only $compared processes compared"
	# the target, whose state is known, was among them and is not all zeros
	run grep "^$target " "$BATS_TEST_TMPDIR/sig"
	assert_output "$target 0000000000000a00 0000000000000201 0000000000001004 0000000000004000 USR2"
	# pending's process-wide set is exactly ps's pending column
	run bash -c '"$SIGTOOL" pending --json "$1" | jq -r ".[0].pending | join(\",\")"' _ "$target"
	assert_equal "$("$SIGTOOL" mask --encode "$output")" "$(ps -o pending= -p "$target" | tr -d ' ')"
}

# ---- errors ---------------------------------------------------------------

@test "status: a PID that does not exist gets a message and status 1; the others are shown" {
	known_target
	local live=$pid
	start_target
	local dead=$pid
	kill -KILL "$dead"
	wait "$dead" || true
	run --separate-stderr sigtool status "$dead" "$live"
	assert_failure 1
	assert_equal "$stderr" "sigtool: status: $dead: no such process"
	assert_line --index 0 --regexp "^PID $live \\(tgt\\)"
	run bash -c '"$SIGTOOL" status --json "$1" "$2" 2>/dev/null | jq -c "[.[].pid]"' _ "$live" "$dead"
	assert_output "[$live]"
}

@test "status under /proc mounted with hidepid: a clear message per hidden PID" {
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	unshare -m true 2>/dev/null || skip "cannot make a mount namespace here"
	[ "$(id -u)" = 0 ] || skip "mounting a private /proc needs root"
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$SIGTOOL" \
		|| skip "the user nobody cannot run $SIGTOOL"
	start_target --name tgt
	for h in 2 invisible; do
		run --separate-stderr unshare -m sh -c '
			mount --make-rprivate / && mount -t proc -o "hidepid=$1" proc /proc || exit 99
			exec setpriv --reuid=65534 --regid=65534 --clear-groups \
				sh -c "${SIGTOOL_WRAPPER:-} \"\$SIGTOOL\" status $2 \$\$"' _ "$h" "$pid"
		[ "$status" != 99 ] || skip "cannot mount /proc with hidepid"
		assert_failure 1
		assert_equal "$stderr" "sigtool: status: $pid: the process exists but /proc hides it (mounted with hidepid)"
		assert_line --index 0 --regexp '^PID [0-9]+ \(sh\): '
	done
	# hidepid=1: the directory is there but cannot be read
	run --separate-stderr unshare -m sh -c '
		mount --make-rprivate / && mount -t proc -o hidepid=1 proc /proc || exit 99
		exec setpriv --reuid=65534 --regid=65534 --clear-groups ${SIGTOOL_WRAPPER:-} "$SIGTOOL" pending "$1"' _ "$pid"
	assert_failure 1
	[[ $stderr == "sigtool: pending: $pid: cannot read /proc/$pid/status: "*"(/proc mounted with hidepid?)" ]] || fail "$stderr"
	# --all shows what it can see, silently
	run --separate-stderr unshare -m sh -c '
		mount --make-rprivate / && mount -t proc -o hidepid=1 proc /proc || exit 99
		exec setpriv --reuid=65534 --regid=65534 --clear-groups ${SIGTOOL_WRAPPER:-} "$SIGTOOL" status --all'
	assert_success
	assert_equal "$stderr" ""
	refute_line --regexp "^ *$pid "
}

@test "status: usage errors name the bad word; stdout stays empty" {
	for bad in 0 abc -3 99999999999; do
		run --separate-stderr sigtool status "$bad"
		assert_failure 2
		assert_output ""
		[[ $stderr == *"'$bad'"* ]] || fail "$stderr"
	done
	run --separate-stderr sigtool status --all --ignored TREM
	assert_failure 2
	[[ $stderr == "sigtool: status: --ignored: unknown signal 'TREM' (did you mean TERM?)"* ]] || fail "$stderr"
	run --separate-stderr sigtool status --blocked INT 1
	assert_failure 2
	[[ $stderr == *"select among --all"* ]]
	run --separate-stderr sigtool status --all 1
	assert_failure 2
	run --separate-stderr sigtool status --all --threads
	assert_failure 2
	run --separate-stderr sigtool status --all --all-signals
	assert_failure 2
	run --separate-stderr sigtool status --all --pending ''
	assert_failure 2
}

@test "status: /dev/full is status 1; a closed pipe ends it quietly" {
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr bash -c '"$SIGTOOL" status --all-signals 1 > /dev/full'
	assert_failure 1
	[[ $stderr == *"write error"* ]]
	run --separate-stderr bash -c 'set -o pipefail; "$SIGTOOL" status --all --json | head -c 10'
	assert_success
	assert_equal "$stderr" ""
}
