# sendhelpers.bash - receivers and checks for send.bats, pidfd-send.bats and
# raise.bats. Every process signalled is one these tests start; every
# bad-input run happens in a PID namespace of its own.

# A PID above pid_max: no process has it, ever.
NOPID=$(( $(cat /proc/sys/kernel/pid_max) + 1 ))

setup() {
	cd "$BATS_TEST_TMPDIR"
	pids=()
	valgrind_logs
}

# End the receivers a test left running: only our own children, alive or
# not yet reaped, so no PID can have been recycled. (The helpers also end
# themselves after two minutes.)
teardown() {
	kill_children "${pids[@]}"
	wait 2>/dev/null || true
	valgrind_clean
}

# recv NAME [SIGRECV-OPTION]... -- [SIG]...: start a receiver that waits for
# the SIGs (one signal unless -n), ready when this returns; its PID is in
# $NAME, its lines ("signo code pid uid value") in NAME.out.
recv() {
	local _name=$1 _opts=()
	shift
	while [ "$1" != -- ]; do
		_opts+=("$1")
		shift
	done
	shift
	rm -f "$_name.ready"
	"$TESTS_BIN/sigrecv" "${_opts[@]}" "$_name.ready" "$@" > "$_name.out" &
	pids+=("$!")
	wait_for_file "$_name.ready"
	printf -v "$_name" %s "$(cat "$_name.ready")"
}

# threads NAME N SIG: a process of N threads waiting for SIG; its PID in
# $NAME, the waiting threads' TIDs in tids[], its line
# ("tid signo code pid value") in NAME.out.
threads() {
	local _name=$1 _lines
	"$TESTS_BIN/sigthreads" "$_name.ready" "$2" "$3" > "$_name.out" &
	pids+=("$!")
	wait_for_file "$_name.ready"
	mapfile -t _lines < "$_name.ready"
	printf -v "$_name" %s "${_lines[0]}"
	tids=("${_lines[@]:1}")
}

# marker NAME: send the receiver USR2 with the shell's kill and wait for it
# to end. Its first line then shows whether a USR1 came before.
marker() {
	kill -USR2 "${!1}"
	wait "${!1}"
}

# sender ARGS...: run sigtool ARGS as a process whose PID lands in ./sender
sender() {
	bash -c 'echo $$ > sender; exec "$@"' sender ${SIGTOOL_WRAPPER:-} "$SIGTOOL" "$@"
}

pidfs_inode() {
	"$TESTS_BIN/withpidfd" -i "$1" || skip "pidfds are not on pidfs here (Linux 6.9+ needed)"
}

# Skip a test that needs pidfds when SIGTOOL_WRAPPER cannot give them:
# valgrind before 3.20 (Debian 12 has 3.19) does not know pidfd_open, so
# sigtool runs there as on a kernel without pidfds. (Run valgrind with
# --log-file to keep its "unhandled syscall" warnings off sigtool's stderr.)
need_pidfds() {
	local st=0
	[ -n "${SIGTOOL_WRAPPER:-}" ] || return 0
	${SIGTOOL_WRAPPER} "$TESTS_BIN/withpidfd" -i "$BASHPID" > /dev/null 2>&1 || st=$?
	[ "$st" -ne 1 ] || skip "pidfd_open does not work under '$SIGTOOL_WRAPPER'"
}

# bad ARGS...: run `sigtool ARGS` in a new PID namespace and session beside a
# receiver of USR1 and USR2, whose PID replaces @R@ in ARGS. Expect status
# 2, nothing on stdout, a message and the --help hint on stderr, and a
# receiver that got nothing (the marker USR2 is the first it sees). The
# output is left for assert_line: status line, receiver line, stderr.
bad() {
	run isolated bash -c '
		rm -f r.ready
		"$0" r.ready USR1 USR2 > r.out & r=$!
		while [ ! -s r.ready ]; do sleep 0.01; done
		args=()
		for a in "${@:3}"; do args+=("${a//@R@/$r}"); done
		$1 "$2" "${args[@]}" > stdout 2> stderr; st=$?
		kill -USR2 $r; wait $r; rs=$?
		echo "status=$st receiver=$rs stdout=$(wc -c < stdout)"
		cut -d" " -f1 r.out
		cat stderr' "$TESTS_BIN/sigrecv" "${SIGTOOL_WRAPPER:-}" "$SIGTOOL" "$@"
	assert_success
	assert_line --index 0 "status=2 receiver=0 stdout=0"
	assert_line --index 1 "12"
	assert_line --index 2 --regexp "^sigtool: [a-z-]+: "
	assert_line --index 3 --regexp "^Try 'sigtool [a-z-]+ --help' for more information\.$"
}
