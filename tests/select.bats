#!/usr/bin/env bats
# select.bats - choosing processes: --name, --euid, --tree, --cgroup... on
# send, status, pending, mask; always inside a new PID namespace, so a
# wrong match can reach nothing but the test's own processes.

load helpers

setup() {
	T=$BATS_TEST_TMPDIR
	valgrind_logs
	# a scenario runs in its own PID namespace and session; it gets
	# start NAME (a sleeper whose comm is NAME; its PID in $P once the
	# name shows in /proc) and the sigtool under test as $S, which honours
	# SIGTOOL_WRAPPER (valgrind in CI) as helpers.bash's sigtool does
	cat > "$T/lib.sh" <<-'LIB'
	S="${SIGTOOL_WRAPPER:-} $SIGTOOL"
	start() {
		ln -sf "$(command -v sleep)" "$T/$1"
		"$T/$1" 300 >/dev/null 2>&1 &
		local p=$! n=0
		until [ "$(cat /proc/$p/comm 2>/dev/null)" = "$1" ] || [ $n -ge 1000 ]; do
			n=$((n + 1)); sleep 0.01
		done
		P=$p
	}
	LIB
	# a name for what the test makes outside its namespace (cgroups)
	ID=zqsel$$_$BATS_TEST_NUMBER
	export T SIGTOOL TESTS_BIN ID SIGTOOL_WRAPPER
}

teardown() {
	valgrind_clean
}

scenario() {
	# shellcheck disable=SC2016
	isolated bash -c ". \"\$T/lib.sh\"; $1"
}

@test "--name selects by comm, --pids prints the PIDs only" {
	run scenario 'start zqselA; a=$P; start zqselB; b=$P
		$S send --pids 0 --name "^zqsel[AB]$" | sort | tr "\n" " "
		echo "/ $a $b"'
	assert_success
	read -r -a w <<<"$output"
	assert_equal "${w[0]} ${w[1]}" "$(printf '%s\n' "${w[3]}" "${w[4]}" | sort | tr '\n' ' ' | sed 's/ $//')"
}

@test "--exact, --ignore-case, --full" {
	run scenario 'start zqexact; a=$P
		$S send -n 0 --name zqexa --exact; echo "x=$?"
		$S send --pids 0 --name ZQEXACT -i | grep -qx "$a" && echo icase
		$S send --pids 0 --name "zqexact 300" -f | grep -qx "$a" && echo full'
	assert_line "x=1"
	assert_line icase
	assert_line full
}

@test "send --name signals the match and nothing else" {
	run scenario 'start zqkillme; a=$P; start zqkeepme; b=$P
		$S send TERM --name zqkillme; echo "rc=$?"
		wait $a; echo "a=$?"
		kill -0 $b && echo "b alive"'
	assert_line "rc=0"
	assert_line "a=143"
	assert_line "b alive"
}

@test "--dry-run lists each match with its name; --json one object each" {
	run scenario 'start zqdry; a=$P
		$S send -n TERM --name zqdry
		$S send -n --json TERM --name zqdry | jq -r ".comm + \" \" + (.pid|tostring)"
		echo "a=$a"; kill -0 $a && echo alive'
	assert_line --regexp '^would send TERM to [0-9]+ \(zqdry\)$'
	assert_line --regexp '^zqdry [0-9]+$'
	assert_line alive
}

@test "a three-level tree: --tree gets all of it, --inverse none of it" {
	# sh (top) -> sh (mid, does not exec: a command follows) -> sleep (leaf)
	run scenario 'sh -c "sh -c \"echo \\\$\\\$ > $T/mid; sleep 300; :\" & wait" >/dev/null 2>&1 &
		top=$!
		leaf= n=0
		until [ -n "$leaf" ] || [ $n -ge 1000 ]; do
			n=$((n + 1)); sleep 0.01
			[ -s "$T/mid" ] || continue
			mid=$(cat $T/mid)
			leaf=$(cat /proc/[0-9]*/stat 2>/dev/null | awk -v m="$mid" "\$4 == m { print \$1 }")
		done
		echo "tree: $($S send --pids 0 --tree $top | sort -n | tr "\n" " ")"
		echo "want: $(printf "%s\n" $top $mid $leaf | sort -n | tr "\n" " ")"
		start zqother
		$S send --pids 0 --tree $top --inverse > $T/inv
		echo "in inverse: $(grep -cx -e $top -e $mid -e $leaf $T/inv)"
		grep -qx $P $T/inv && echo "other selected"'
	want=$(sed -n 's/^want: //p' <<<"$output")
	assert_line "tree: $want"
	[ "$(wc -w <<<"$want")" -eq 3 ]
	assert_line "in inverse: 0"
	assert_line "other selected"
}

@test "--euid, --uid and --gid take names and numbers; --parent; --session 0" {
	run scenario 'start zquser; a=$P
		$S status --pids --name zquser --euid root,0 --uid 0 --gid 0 | grep -qx $a && echo ids
		$S status --pids --name zquser --parent $$ | grep -qx $a && echo parent
		$S status --pids --name zquser --session 0 | grep -qx $a && echo session
		$S status --pids --name zquser --runstates S | grep -qx $a && echo state
		$S status --pids --name zquser --older 0 | grep -qx $a && echo older
		$S pending --pids --name zquser --ns $a --nslist pid,net | grep -qx $a && echo ns
		$S mask --pids --name zquser --newest | grep -qx $a && echo newest
		$S status --name zquser --euid 1 --pids; echo "other=$?"'
	for w in ids parent session state older ns newest "other=1"; do
		assert_line "$w"
	done
}

@test "kernel threads are left out unless --kernel-threads" {
	run sigtool status --pids --name '^kthreadd$'
	assert_failure 1
	assert_output --partial "no process matches"
	[ -d /proc/2 ] && [ "$(cat /proc/2/comm)" = kthreadd ] || skip "no kthreadd visible"
	run sigtool status --pids --name '^kthreadd$' --kernel-threads
	assert_success
}

@test "never sigtool itself nor its ancestors" {
	run scenario '$S send --pids 0 --name "^(sigtool|bash|setsid|unshare)$"; echo "rc=$?"'
	assert_line "rc=1"
}

@test "--cgroup: a cgroup the test creates, sub-cgroups included" {
	# In the scenario's own mount namespace: the cgroup v2 hierarchy is
	# mounted afresh under $T (any mount of it is unmounted first, so that
	# sigtool has to find this one), whatever the machine's layout.
	run scenario 'for m in $(awk "/ - cgroup2 /{ print \$5 }" /proc/self/mountinfo); do
			umount "$m" || { echo "cannot unmount $m"; exit 9; }
		done
		mkdir "$T/cg2" && mount -t cgroup2 none "$T/cg2" || { echo "cannot mount cgroup2"; exit 9; }
		cg="$T/cg2/$ID"
		mkdir -p "$cg/sub" || { echo "cgroup2 is not writable"; exit 9; }
		echo "$cg" > "$T/cgdir"
		start zqcgin; a=$P; start zqcgout; b=$P
		echo $a > "$cg/sub/cgroup.procs" || { echo "cannot move a process in"; exit 9; }
		grep -qx "0::/$ID/sub" /proc/$a/cgroup && echo moved
		echo "complete: $($S --complete send --cgroup /$ID/ | cut -f1)"
		$S send --pids 0 --cgroup /$ID > "$T/top"; echo "top=$?"
		$S status --pids --cgroup $ID/sub/ > "$T/sub"; echo "sub=$?"
		echo "top: $(tr "\n" " " < "$T/top")/ sub: $(tr "\n" " " < "$T/sub")/ want: $a /"
		grep -qx $b "$T/top" && echo "outsider selected"
		$S send TERM --cgroup /$ID/sub; wait $a; echo "a=$?"
		kill -0 $b && echo "b alive"
		$S send TERM --cgroup /$ID/zqnosub; echo "absent=$?"
		$S send TERM --cgroup /$ID/sub/cgroup.procs; echo "notdir=$?"
		rmdir "$cg/sub" "$cg"' 2>&1
	if [ "$status" -eq 9 ]; then
		# leave nothing behind in the machine's hierarchy
		cg=$(cat "$T/cgdir" 2>/dev/null) && rmdir "$cg/sub" "$cg" 2>/dev/null
		skip "the machine refuses: ${lines[-1]}"
	fi
	assert_line moved
	assert_line "complete: /$ID/sub"
	assert_line "top=0"
	assert_line "sub=0"
	want=$(sed -n 's/.*want: \([0-9]*\) .*/\1/p' <<<"$output")
	assert_line "top: $want / sub: $want / want: $want /"
	refute_line "outsider selected"
	assert_line "a=143"
	assert_line "b alive"
	assert_line "absent=1"
	assert_line --regexp "no cgroup '/zqsel[0-9_]+/zqnosub'"
	assert_line --regexp "cgroup.procs' is not a cgroup v2 directory"
	assert_line "notdir=2"
}

@test "--cgroup: no cgroup v2 mounted is a usage error naming it" {
	run scenario 'for m in $(awk "/ - cgroup2 /{ print \$5 }" /proc/self/mountinfo); do
			umount "$m" || exit 9
		done
		$S send TERM --cgroup /; echo "rc=$?"' 2>&1
	[ "$status" -ne 9 ] || skip "the machine refuses to unmount cgroup2 in a mount namespace"
	assert_line --partial "send: --cgroup: no cgroup v2 hierarchy is mounted to find '/'"
	assert_line "rc=2"
}

# The hook atpidfd runs while sigtool is held at pidfd_open(V): V (a
# match) is killed and reaped, then ns_last_pid makes the next fork get V
# again, for a newcomer with the same name; its PID goes to $T/new once it
# has exec'd.
reuse_hook() {
	cat > "$T/hook" <<-'HOOK'
	v=$1
	: > "$T/hooked"
	kill -KILL $v
	n=0; while [ -e /proc/$v ] && [ $n -lt 1000 ]; do n=$((n + 1)); sleep 0.01; done
	echo $((v - 1)) > /proc/sys/kernel/ns_last_pid || exit 0
	"$T/zqreuse" 300 </dev/null >/dev/null 2>&1 &
	new=$!
	n=0; until [ "$(cat /proc/$new/comm 2>/dev/null)" = zqreuse ] || [ $n -ge 1000 ]; do
		n=$((n + 1)); sleep 0.01
	done
	echo $new > "$T/new"
	HOOK
}

# In the scenario, once atpidfd has returned: status 9 if sigtool never
# got to pidfd_open(V), 8 if the newcomer did not get V.
hook_ran='[ -e "$T/hooked" ] || exit 9; [ "$(cat "$T/new")" = $v ] || exit 8'

# After the scenario: the newcomer took V and was not signalled.
newcomer_untouched() {
	[ "$status" -ne 9 ] || skip "no pidfd_open of the match (ptrace refused, a kernel without pidfds, or valgrind, which lacks pidfd_open)"
	[ "$status" -ne 8 ] || skip "ns_last_pid did not give the PID to the newcomer here"
	v=$(sed -n 's/^v=//p' <<<"$output")
	assert_line "new=$v"
	assert_line "newcomer: zqreuse S"
}

@test "PID reuse between the scan and the pidfd: the newcomer gets nothing" {
	reuse_hook
	run scenario 'start zqreuse; v=$P; echo "v=$v"
		"$TESTS_BIN/atpidfd" $v "sh $T/hook $v" $S send TERM --name "^zqreuse$"; echo "rc=$?"
		'"$hook_ran"'
		new=$(cat "$T/new"); echo "new=$new"
		echo "newcomer: $(cut -d" " -f2,3 /proc/$new/stat | tr -d "()")"
		$S status --pids --name "^zqreuse$"' 2>&1
	newcomer_untouched
	assert_line --partial "no process matches"
	assert_line "rc=1"
	# and the newcomer is found by the next selection
	assert_equal "${lines[-1]}" "$(sed -n 's/^new=//p' <<<"$output")"
}

@test "PID reuse: status shows nothing of the newcomer" {
	reuse_hook
	run scenario 'start zqreuse; v=$P; echo "v=$v"
		"$TESTS_BIN/atpidfd" $v "sh $T/hook $v" $S status --json --name "^zqreuse$" > "$T/out"; echo "rc=$?"
		'"$hook_ran"'
		new=$(cat "$T/new"); echo "new=$new"
		echo "newcomer: $(cut -d" " -f2,3 /proc/$new/stat | tr -d "()")"
		cat "$T/out"' 2>&1
	newcomer_untouched
	assert_line "rc=1"
	refute_line --partial '"pid"'
}

@test "pidfd-send --scope thread sends through the selection's pidfd, never the PID again" {
	# the hook waits for a second pidfd_open of V: if sigtool opened V
	# again for the thread scope, the newcomer would get that pidfd
	reuse_hook
	run scenario '$S pidfd-send 0 $$ >/dev/null 2>&1 || exit 9
		start zqreuse; v=$P; echo "v=$v"
		"$TESTS_BIN/atpidfd" -n 2 $v "sh $T/hook $v" \
			$S pidfd-send --scope thread -v TERM --name "^zqreuse$"; echo "rc=$?"
		wait $v; echo "v=$v status=$?"
		if [ -s "$T/new" ]; then
			new=$(cat "$T/new")
			echo "newcomer: $(cut -d" " -f2,3 /proc/$new/stat | tr -d "()")"
		fi' 2>&1
	[ "$status" -ne 9 ] || skip "no pidfds here (an old kernel, or valgrind, which lacks pidfd_open)"
	refute_line --partial "newcomer:"       # no second open: the hook never ran
	v=$(sed -n 's/^v=\([0-9]*\)$/\1/p' <<<"$output")
	assert_line "rc=0"
	assert_line "v=$v status=143"
	assert_line --regexp "TERM.* thread $v"
}

@test "--terminal: a process on a pty, by pts/N and by /dev path" {
	command -v script >/dev/null || skip "no script(1) to make a pty"
	run scenario 'ln -sf "$(command -v sleep)" "$T/zqtty"
		script -qfec "exec $T/zqtty 300" /dev/null </dev/null >/dev/null 2>&1 &
		p= n=0
		until [ -n "$p" ] || [ $n -ge 1000 ]; do
			n=$((n + 1)); sleep 0.01
			for d in /proc/[0-9]*; do
				[ "$(cat $d/comm 2>/dev/null)" = zqtty ] && p=${d#/proc/}
			done
		done
		tty=$(readlink /proc/$p/fd/0); echo "p=$p tty=$tty"
		echo "short: $($S status --pids --terminal ${tty#/dev/})"
		echo "long: $($S pending --pids --terminal $tty)"
		start zqnotty
		$S status --pids --name zqnotty --terminal $tty; echo "notty=$?"
		$S send TERM --terminal zqnosuchtty; echo "bad=$?"
		kill -0 $p && echo alive' 2>&1
	p=$(sed -n 's/^p=\([0-9]*\) .*/\1/p' <<<"$output")
	assert_line --regexp "^p=[0-9]+ tty=/dev/pts/[0-9]+$"
	assert_line "short: $p"
	assert_line "long: $p"
	assert_line "notty=1"
	assert_line --partial "send: --terminal: unknown terminal 'zqnosuchtty'"
	assert_line "bad=2"
	assert_line alive
}

@test "users and groups: names from /etc/passwd and /etc/group, numbers, comma lists, unknown names" {
	nobody=$(awk -F: '$3 == 65534 { print $1; exit }' /etc/passwd)
	nogroup=$(awk -F: '$3 == 65534 { print $1; exit }' /etc/group)
	[ -n "$nobody" ] && [ -n "$nogroup" ] || skip "no user or group 65534 in /etc/passwd, /etc/group"
	command -v setpriv >/dev/null || skip "no setpriv to start a process as $nobody"
	export nobody nogroup
	run scenario 'start zqusr; r=$P
		setpriv --reuid=65534 --regid=65534 --clear-groups "$T/zqusr" 300 &
		u=$!; n=0
		until [ "$(cut -d" " -f2 /proc/$u/stat 2>/dev/null)" = "(zqusr)" ] || [ $n -ge 1000 ]; do
			n=$((n + 1)); sleep 0.01
		done
		echo "r=$r u=$u"
		q() { echo "$1: $($S status --pids --name "^zqusr$" "${@:2}" | sort -n | tr "\n" " ")"; }
		q uname --uid $nobody
		q unum --uid 65534
		q euid --euid root,$nobody
		q gname --gid $nogroup
		q gnum --gid 0
		q both --uid 0 --gid $nogroup
		$S status --pids --uid zqnouser; echo "nouser=$?"
		$S status --pids --gid root,zqnogroup; echo "nogroup=$?"
		$S send TERM --euid 0,zqnouser2 --name zqusr; echo "send=$?"
		kill -0 $r && echo alive' 2>&1
	r=$(sed -n 's/^r=\([0-9]*\) .*/\1/p' <<<"$output")
	u=$(sed -n 's/.* u=\([0-9]*\)$/\1/p' <<<"$output")
	assert_line "uname: $u "
	assert_line "unum: $u "
	assert_line "euid: $(printf '%s\n' "$r" "$u" | sort -n | tr '\n' ' ')"
	assert_line "gname: $u "
	assert_line "gnum: $r "
	assert_line "both: "
	assert_line --partial "--uid: unknown user 'zqnouser'"
	assert_line "nouser=2"
	assert_line --partial "--gid: unknown group 'zqnogroup'"
	assert_line "nogroup=2"
	assert_line --partial "--euid: unknown user 'zqnouser2'"
	assert_line "send=2"
	assert_line alive
}

@test "ID lists of 40 entries: none is dropped, in one word or repeated" {
	run scenario 'start zqmany; a=$P
		sid=$(cut -d" " -f6 /proc/$a/stat)
		$S status --pids --name zqmany --session "$(seq -s, 100001 100039),$sid"; echo "one=$?"
		args=(); for i in $(seq 100001 100039); do args+=(--parent $i); done
		$S status --pids --name zqmany "${args[@]}" --parent $$; echo "repeated=$?"
		$S status --pids --name zqmany --euid "$(seq -s, 100001 100040)"; echo "none=$?"
		echo "a=$a"' 2>&1
	a=$(sed -n 's/^a=//p' <<<"$output")
	assert_equal "$(grep -cx "$a" <<<"$output")" 2
	assert_line "one=0"
	assert_line "repeated=0"
	assert_line "none=1"
}

@test "--pgid on status, pending and mask selects a group's members; send --pgid stays killpg" {
	run scenario 'set -m
		ln -sf "$(command -v sleep)" "$T/zqpgA"; ln -sf "$(command -v sleep)" "$T/zqpgB"
		sh -c "\"$T/zqpgA\" 300 & \"$T/zqpgB\" 300 & echo ready > \"$T/ready\"; wait" &
		g=$!; n=0
		until [ -s "$T/ready" ] || [ $n -ge 1000 ]; do n=$((n + 1)); sleep 0.01; done
		until [ "$($S status --pids --name "^zqpg[AB]$" --pgid $g | wc -l)" -eq 2 ] || [ $n -ge 1000 ]; do
			n=$((n + 1)); sleep 0.01
		done
		echo "g=$g"
		echo "status: $($S status --pids --pgid $g | wc -l)"
		echo "pending: $($S pending --pids --pgid 99999,$g --name zqpg | wc -l)"
		echo "mask: $($S mask --pids --pgid $g --name "^sh$")"
		$S status --pids --pgid 0 --name zqpg; echo "ours=$?"
		$S mask --json --pgid $g | jq -r "length"
		$S send -n TERM --pgid $g
		kill -0 -- -$g && echo "group alive"' 2>&1
	g=$(sed -n 's/^g=//p' <<<"$output")
	assert_line "status: 3"
	assert_line "pending: 2"
	assert_line "mask: $g"
	assert_line "ours=1"
	assert_line 3
	assert_line --regexp "would send TERM to (the )?process group $g"
	assert_line "group alive"
}

@test "mask --json: an array of objects with a selection, one object for a PID" {
	run scenario 'exec 2> "$T/err"          # stdout only: JSON
		start zqmj1; a=$P; start zqmj2
		$S mask --json --name "^zqmj[12]$" > "$T/sel"; echo "sel=$?"
		$S mask --json $a > "$T/one"; echo "one=$?"
		jq -r "type, length, (map(.name) | sort | join(\",\")), (.[0] | keys | join(\",\"))" "$T/sel"
		jq -r "type, .pid" "$T/one"
		echo "a=$a"
		$S mask --json --name "^zqmj1$" | jq -r "type, length"'
	a=$(sed -n 's/^a=//p' <<<"$output")
	assert_line "sel=0"
	assert_line "one=0"
	assert_equal "${lines[2]} ${lines[3]} ${lines[4]}" "array 2 zqmj1,zqmj2"
	assert_line "blocked,caught,ignored,name,pid,threads"
	assert_equal "${lines[6]} ${lines[7]}" "object $a"
	assert_equal "${lines[-2]} ${lines[-1]}" "array 1"
}

@test "bad input: status 2 or 1, the word named, nothing sent" {
	run scenario 'start zqbad; a=$P
		$S send TERM --name "a("; echo "rc=$?"
		$S send TERM --name ""; echo "rc=$?"
		$S send TERM --name "zqba++++++++++++++++++++++++++++++d"; echo "rc=$?"
		$S send TERM --name "zq(a??){25}*"; echo "rc=$?"
		$S send TERM --euid nosuchuserzq; echo "rc=$?"
		$S send TERM --gid nosuchgroupzq; echo "rc=$?"
		$S send TERM --name zqbad --newest --oldest; echo "rc=$?"
		$S send TERM --cgroup /no/such/zqcg; echo "rc=$?"
		$S send TERM --tree 99999; echo "rc=$?"
		$S send TERM --name zqbad --runstates Q; echo "rc=$?"
		kill -0 $a && echo alive' 2>&1
	assert_line --partial "--name: invalid pattern 'a('"
	assert_line --partial "--name: empty pattern"
	# glibc would take minutes and gigabytes to compile it
	assert_line --partial "--name: pattern 'zqba++++++++++++++++++++++++++++++d' is too complex: its repetitions and alternatives would make more than 1000 branch points"
	# a loop over optional parts that may match empty: seconds, doubling with each
	assert_line --partial "--name: pattern 'zq(a??){25}*' is too complex: "
	assert_line --partial "unknown user 'nosuchuserzq'"
	assert_line --partial "unknown group 'nosuchgroupzq'"
	assert_line --partial "--newest and --oldest cannot be combined"
	assert_line --partial "send: --tree: no process 99999"
	assert_line --partial "send: --runstates: unknown process state 'Q'"
	assert_line --partial "send: --cgroup: no cgroup '/no/such/zqcg'"
	assert_line alive
	[ "$(grep -c '^rc=2$' <<<"$output")" -ge 6 ]
	[ "$(grep -c '^rc=1$' <<<"$output")" -ge 1 ]
}

@test "kill -s, --signal, --queue, -l, -L as kill(1) has them" {
	run scenario 'start zqks; a=$P; $S kill -s TERM $a; wait $a; echo "a=$?"
		start zqks2; b=$P; $S kill --signal KILL $b; wait $b; echo "b=$?"
		$S kill --queue 7 -n USR1 $$'
	assert_line "a=143"
	assert_line "b=137"
	assert_line --regexp "^would send USR1 with value 7 to "
	run sigtool kill -l 143
	assert_output TERM
	run sigtool kill -l
	assert_line HUP
	run sigtool kill -L
	assert_line --index 0 --regexp '^NUM +NAME'
}

@test "completions: users after --euid/--uid, groups after --gid, PIDs after --tree/--parent" {
	run sigtool --complete send --euid ro
	assert_line --regexp $'^root\t'
	run sigtool --complete status --uid root,ro
	assert_line --regexp $'^root,root\t'
	run sigtool --complete pending --gid ro
	assert_line --regexp $'^root\t'
	run sigtool --complete mask --tree 1
	assert_line --regexp $'^1\t'
	run sigtool --complete send --parent "$$"
	assert_line --regexp "^$$"$'\t'
}
