# state-helpers.bash - targets with a known signal state for the tests of
# mask, pending and status (tests/bin/state-target), started and killed by
# the test itself; nothing else is ever signalled.

load helpers

STATE_TARGET=${TOP_BUILDDIR:-$TOP_SRCDIR}/tests/bin/state-target
STARTED=()

# start_target OPTION...: start a state-target in the background and wait
# until its state is in place; sets pid, tids (leader first) and zombie.
start_target() {
	local ready
	ready=$(mktemp -u "$BATS_TEST_TMPDIR/ready.XXXXXX")
	"$STATE_TARGET" --ready "$ready" "$@" >/dev/null 2>>"$BATS_TEST_TMPDIR/target.err" 3>&- &
	STARTED+=($!)
	wait_for_file "$ready" || return 1
	# shellcheck disable=SC1090
	. "$ready"
}

# Kill only what this test started and has not reaped itself (SIGKILL:
# targets block or catch the others).
stop_targets() {
	kill_children "${STARTED[@]}"
	STARTED=()
}

teardown() {
	stop_targets
}

# How many valid signals there are (valid_numbers: bash's kill -l, not sigtool).
valid_count() {
	valid_numbers | wc -l
}

# sigtool with signals 32 and 33 at their default, whatever the harness
# passed down (glibc's sigaction cannot reset them, so COMMAND would show
# them ignored); the rest of the state is untouched.
sigtool_clean() {
	"$STATE_TARGET" --clean-exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" "$@"
}
