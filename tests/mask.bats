#!/usr/bin/env bats
# mask.bats - `sigtool mask`: the blocked, ignored and caught sets of a
# process, hex masks decoded and encoded, and a COMMAND run with a chosen
# mask and dispositions (checked with grep on /proc/self/status run
# directly as COMMAND: dash and python change masks).

bats_require_minimum_version 1.5.0
load state-helpers

# The Sig lines of /proc/self/status as COMMAND sees them.
SIGLINES=(grep -E '^Sig(Blk|Ign)' /proc/self/status)

# ---- showing a process ----------------------------------------------------

@test "mask PID: blocked, ignored and caught sets in hex and names" {
	start_target --block HUP,USR1 --ignore QUIT,PIPE --catch INT,TERM
	run --separate-stderr sigtool mask "$pid"
	assert_success
	assert_equal "$stderr" ""
	assert_output "blocked  0000000000000201  HUP,USR1
ignored  0000000000001004  QUIT,PIPE
caught   0000000000004002  INT,TERM"
	# the same as the kernel says
	run grep -E '^Sig(Blk|Ign|Cgt)' "/proc/$pid/status"
	assert_output $'SigBlk:\t0000000000000201\nSigIgn:\t0000000000001004\nSigCgt:\t0000000000004002'
}

@test "mask: empty sets are '-', real-time signals by RTMIN+n/RTMAX-n" {
	start_target --block RTMIN+1,RTMAX
	run sigtool mask "$pid"
	assert_success
	assert_output "blocked  8000000400000000  RTMIN+1,RTMAX
ignored  0000000000000000  -
caught   0000000000000000  -"
}

@test "mask --threads: one more line per thread with the set it blocks" {
	start_target --name tgt --block HUP,USR1 --thread USR2 --thread RTMIN,INT
	read -r t0 t1 t2 <<< "$tids"
	run sigtool mask --threads "$pid"
	assert_success
	assert_line --index 0 --regexp '^blocked +0000000000000201  HUP,USR1$'
	assert_line --index 3 --regexp "^thread $t0 \\(tgt\\) +0000000000000201  HUP,USR1\$"
	assert_line --index 4 --regexp "^thread $t1 \\(state-thr1\\) +0000000000000800  USR2\$"
	assert_line --index 5 --regexp "^thread $t2 \\(state-thr2\\) +0000000200000002  INT,RTMIN\$"
	assert_equal "${#lines[@]}" 6
	# without --threads, the leader's mask only
	run sigtool mask "$pid"
	assert_equal "${#lines[@]}" 3
}

@test "mask --json: names as arrays, every thread listed" {
	start_target --name tgt --block HUP,USR1 --ignore QUIT --catch TERM --thread USR2
	read -r t0 t1 <<< "$tids"
	run bash -c '"$SIGTOOL" mask --json "$1" | jq -c "del(.caught)"' _ "$pid"
	assert_success
	assert_output "{\"pid\":$pid,\"name\":\"tgt\",\"blocked\":[\"HUP\",\"USR1\"],\"ignored\":[\"QUIT\"],\"threads\":[{\"tid\":$t0,\"name\":\"tgt\",\"blocked\":[\"HUP\",\"USR1\"]},{\"tid\":$t1,\"name\":\"state-thr1\",\"blocked\":[\"USR2\"]}]}"
	# caught holds TERM (glibc may add its internal signal 33 once a thread exists)
	run bash -c '"$SIGTOOL" mask --json "$1" | jq -c ".caught - [\"33\"]"' _ "$pid"
	assert_output '["TERM"]'
	run sigtool mask --json "$pid"
	assert_success
}

@test "mask with no PID shows the parent process, i.e. the calling shell" {
	# The shell's own sets move while it forks and waits (bash blocks INT,
	# TERM and CHLD around fork and catches INT around a wait), so only what
	# this test gave it is checked: USR2 blocked from outside, QUIT ignored,
	# USR1 caught.
	run sigtool_clean mask --block USR2 -- bash -c 'trap "" QUIT; trap : USR1
		${SIGTOOL_WRAPPER:-} "$SIGTOOL" mask; true'
	assert_success
	assert_equal "${#lines[@]}" 3
	assert_line --index 0 --regexp '^blocked  [0-9a-f]{13}[89a-f][0-9a-f]{2}  (.*,)?USR2(,.*)?$'
	assert_line --index 1 --regexp '^ignored  [0-9a-f]{15}[4-7c-f]  (.*,)?QUIT(,.*)?$'
	assert_line --index 2 --regexp '^caught   [0-9a-f]{13}[2367abef][0-9a-f]{2}  (.*,)?USR1(,.*)?$'
	# each line's names are its mask's
	for i in 0 1 2; do
		read -r _ hex names <<< "${lines[$i]}"
		assert_equal "$(sigtool mask --decode "$hex")" "$names"
	done
}

@test "mask: a PID that does not exist is status 1 with a message; bad PIDs are usage errors" {
	start_target
	kill -KILL "$pid"
	wait "$pid" || true
	run --separate-stderr sigtool mask "$pid"
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "sigtool: mask: $pid: no such process"
	for bad in 0 12x ' 1' 2147483648 +5; do
		run --separate-stderr sigtool mask "$bad"
		assert_failure 2
		assert_output ""
		[[ $stderr == *"'$bad'"* ]] || fail "message does not name '$bad': $stderr"
	done
	run --separate-stderr sigtool mask 1 2
	assert_failure 2
	[[ $stderr == *"extra operand '2'"* ]]
}

# ---- decoding and encoding ------------------------------------------------

@test "mask --decode: one line of names per mask; '-' for none; 32 and 33 as numbers" {
	run --separate-stderr sigtool mask --decode 0000000000002000 0x4002 0 fffffffe7ffbfeff 180000000
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "ALRM"
	assert_line --index 1 "INT,TERM"
	assert_line --index 2 "-"
	assert_line --index 3 "$(sigtool list --format=names | grep -vx -e KILL -e STOP | paste -sd,)"
	assert_line --index 4 "32,33"
	assert_equal "${#lines[@]}" 5
}

@test "mask --decode -: /proc status lines keep their label, other lines pass through" {
	start_target --block HUP,USR1 --ignore QUIT,PIPE --catch INT,TERM
	run bash -c 'grep -E "^(Sig|ShdPnd)" /proc/$1/status | "$SIGTOOL" mask --decode -' _ "$pid"
	assert_success
	assert_output --regexp $'^SigQ:\t[0-9]+/[0-9]+\nSigPnd:\t-\nShdPnd:\t-\nSigBlk:\tHUP,USR1\nSigIgn:\tQUIT,PIPE\nSigCgt:\tINT,TERM$'
	# a lone word is a mask of any length; other words of 16 digits are masks
	run bash -c 'printf "2000\n0x3\n\nlabel 0000000000000001 7 and 0x8000000000000000\n" | "$SIGTOOL" mask --decode -'
	assert_success
	assert_output $'ALRM\nHUP,INT\n\nlabel HUP 7 and RTMAX'
}

@test "mask --decode -: the columns of 'ps s' are decoded in place" {
	start_target --block HUP --ignore QUIT --catch TERM
	run bash -c 'ps s -p "$1" | "$SIGTOOL" mask --decode -' _ "$pid"
	assert_success
	assert_line --index 0 --regexp '^ +UID +PID +PENDING +BLOCKED +IGNORED +CAUGHT'
	assert_line --index 1 --regexp " $pid - HUP QUIT TERM "
}

@test "mask --decode --json: label, 16-digit mask and names" {
	run bash -c 'printf "SigBlk:\t0000000000000201\n" | "$SIGTOOL" mask --json --decode 4002 - | jq -c .'
	assert_success
	assert_output '[{"label":null,"mask":"0000000000004002","names":["INT","TERM"]},{"label":"SigBlk","mask":"0000000000000201","names":["HUP","USR1"]}]'
}

@test "mask --decode: bad masks are usage errors naming the word, nothing on stdout" {
	for bad in zz 00000000000000000 10000000000000000 0x '' ' 1' -1 0x0x1 g; do
		run --separate-stderr sigtool mask --decode 1 "$bad"
		assert_failure 2
		assert_output ""
		[[ $stderr == *"'$bad'"* || ( -z $bad && $stderr == *"empty mask"* ) ]] \
			|| fail "message does not name '$bad': $stderr"
	done
	run --separate-stderr sigtool mask --decode 00000000000000000
	assert_equal "$stderr" "sigtool: mask: hex mask '00000000000000000' is too long (at most 64 bits)
Try 'sigtool mask --help' for more information."
	# in standard input: the line is named and left out, the rest decoded, status 1
	run --separate-stderr bash -c 'printf "SigBlk: 0000000000000201\nzz\n4\n" | "$SIGTOOL" mask --decode -'
	assert_failure 1
	assert_output "SigBlk: HUP,USR1
QUIT"
	assert_equal "$stderr" "sigtool: mask: invalid hex mask 'zz' (line 2 of standard input)"
	run --separate-stderr sigtool mask --decode
	assert_failure 2
	[[ $stderr == *"missing hex mask"* ]]
}

@test "mask --decode -: a bad line after 8 KiB of good ones: named, left out, output whole, status 1" {
	# 600 good lines (over 8 KiB of output, more than one buffer), a bad
	# one, then good ones again
	cd "$BATS_TEST_TMPDIR"
	for i in $(seq 600); do echo "SigBlk: 0000000000000201"; done > in
	{ echo "0x1g"; echo 4; } >> in
	[ "$(wc -c < in)" -gt 8192 ]
	run --separate-stderr bash -c '"$SIGTOOL" mask --decode - < in > out'
	assert_failure 1
	assert_equal "$stderr" "sigtool: mask: invalid hex mask '0x1g' (line 601 of standard input)"
	[ "$(wc -c < out)" -gt 8192 ]
	[ "$(grep -c '^SigBlk: HUP,USR1$' out)" -eq 600 ]
	[ "$(sed -n '601,$p' out)" = QUIT ]
	run --separate-stderr bash -c '"$SIGTOOL" mask --json --decode - < in > out.json'
	assert_failure 1
	assert_equal "$stderr" "sigtool: mask: invalid hex mask '0x1g' (line 601 of standard input)"
	[ "$(wc -c < out.json)" -gt 8192 ]
	run jq -c 'length, .[0], .[600], ([.[] | select(.label == "SigBlk")] | length)' out.json
	assert_success
	assert_output '601
{"label":"SigBlk","mask":"0000000000000201","names":["HUP","USR1"]}
{"label":null,"mask":"0000000000000004","names":["QUIT"]}
600'
}

@test "mask --encode: sets to 16-digit masks; KILL and STOP may be encoded" {
	run --separate-stderr sigtool mask --encode INT,TERM all KILL,STOP rtmin+1,rtmax sigalrm
	assert_success
	assert_output "0000000000004002
fffffffe7ffbfeff
0000000000040100
8000000400000000
0000000000002000"
	run bash -c '"$SIGTOOL" mask --json --encode INT,TERM | jq -c .'
	assert_output '[{"mask":"0000000000004002","names":["INT","TERM"]}]'
	# encode and decode are inverse
	run bash -c '"$SIGTOOL" mask --decode "$("$SIGTOOL" mask --encode HUP,USR2,RTMAX-3)"'
	assert_output "HUP,USR2,RTMAX-3"
}

@test "mask --encode: unknown signals are usage errors with a suggestion" {
	run --separate-stderr sigtool mask --encode INT,TREM
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "sigtool: mask: unknown signal 'TREM' (did you mean TERM?)
Try 'sigtool mask --help' for more information."
	run --separate-stderr sigtool mask --encode INT,
	assert_failure 2
	run --separate-stderr sigtool mask --decode --encode 1
	assert_failure 2
}

# ---- running a COMMAND ----------------------------------------------------

@test "mask -- COMMAND: with no option, COMMAND gets exactly what sigtool got" {
	local direct
	direct=$("$STATE_TARGET" --clean-exec "${SIGLINES[@]}")
	run --separate-stderr sigtool_clean mask -- "${SIGLINES[@]}"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$direct"
	# also from a shell that ignores PIPE and QUIT: the ignores stay
	run "$STATE_TARGET" --clean-exec bash -c 'trap "" PIPE QUIT; exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" mask -- grep SigIgn /proc/self/status'
	assert_output $'SigIgn:\t0000000000001004'
}

@test "mask --block/--ignore -- COMMAND: COMMAND inherits the mask and the dispositions" {
	run --separate-stderr sigtool_clean mask --setmask INT,TERM --default all --ignore QUIT,USR2 -- "${SIGLINES[@]}"
	assert_success
	assert_output $'SigBlk:\t0000000000004002\nSigIgn:\t0000000000000804'
	assert_equal "$stderr" ""
	run sigtool_clean mask --setmask all -- grep SigBlk /proc/self/status
	assert_output $'SigBlk:\tfffffffe7ffbfeff'
}

@test "mask: options apply left to right" {
	run sigtool_clean mask --setmask HUP --block all --unblock USR1,RTMAX -- grep SigBlk /proc/self/status
	assert_output $'SigBlk:\t7ffffffe7ffbfcff'
	run sigtool_clean mask --unblock USR1 --setmask HUP --block INT -- grep SigBlk /proc/self/status
	assert_output $'SigBlk:\t0000000000000003'
	run sigtool_clean mask --setmask USR1 --unblock all -- grep SigBlk /proc/self/status
	assert_output $'SigBlk:\t0000000000000000'
	run sigtool_clean mask --default all --ignore PIPE,HUP --default HUP -- grep SigIgn /proc/self/status
	assert_output $'SigIgn:\t0000000000001000'
	run sigtool_clean mask --default all --default PIPE --ignore PIPE -- grep SigIgn /proc/self/status
	assert_output $'SigIgn:\t0000000000001000'
}

@test "mask --default PIPE undoes an inherited ignore; without it the ignore stays" {
	run "$STATE_TARGET" --clean-exec bash -c 'trap "" PIPE; exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" mask --default PIPE -- grep SigIgn /proc/self/status'
	assert_success
	assert_output $'SigIgn:\t0000000000000000'
	run "$STATE_TARGET" --clean-exec bash -c 'trap "" PIPE; exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" mask --block INT -- grep SigIgn /proc/self/status'
	assert_output $'SigIgn:\t0000000000001000'
	# and the effect is real: yes(1) dies of PIPE again
	run "$STATE_TARGET" --clean-exec bash -c 'trap "" PIPE; ${SIGTOOL_WRAPPER:-} "$SIGTOOL" mask --default PIPE -- yes | head -1; echo "${PIPESTATUS[0]}"'
	assert_output $'y\n141'
}

@test "mask --list: the resulting state on stderr, as env --list-signal-handling prints it" {
	run --separate-stderr sigtool mask --setmask INT,RTMIN+1 --default all --ignore PIPE,INT --list -- echo ran
	assert_success
	assert_output "ran"
	assert_equal "$stderr" "INT        ( 2): BLOCK,IGNORE
PIPE       (13): IGNORE
RTMIN+1    (35): BLOCK"
	# nothing blocked or ignored: an empty list
	run --separate-stderr sigtool mask --unblock all --default all --list -- true
	assert_success
	assert_equal "$stderr" ""
}

@test "mask --list: a list that cannot be written is status 125, COMMAND not run" {
	[ -w /dev/full ] || skip "no /dev/full"
	run bash -c '"$SIGTOOL" mask --block INT --list -- touch "$1/ran" 2>/dev/full' _ "$BATS_TEST_TMPDIR"
	assert_failure 125
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "mask -- COMMAND: 127 not found, 126 not executable, COMMAND's own status otherwise" {
	run -127 --separate-stderr sigtool mask --block INT -- /nonexistent/cmd arg
	assert_failure 127
	assert_equal "$stderr" "sigtool: mask: cannot run '/nonexistent/cmd': No such file or directory"
	run -127 --separate-stderr sigtool mask -- sigtool-no-such-command
	assert_failure 127
	printf '#!/bin/sh\necho hi\n' > "$BATS_TEST_TMPDIR/noexec"
	chmod 644 "$BATS_TEST_TMPDIR/noexec"
	run --separate-stderr sigtool mask -- "$BATS_TEST_TMPDIR/noexec"
	assert_failure 126
	assert_equal "$stderr" "sigtool: mask: cannot run '$BATS_TEST_TMPDIR/noexec': Permission denied"
	run sigtool mask --block INT -- sh -c 'exit 7'
	assert_failure 7
	run --separate-stderr bash -c '${SIGTOOL_WRAPPER:-} "$SIGTOOL" mask --default TERM -- sh -c "kill -TERM \$\$"; echo $?'
	assert_output 143
}

@test "mask -- COMMAND: COMMAND's words are its own, options included" {
	run sigtool mask --block INT -- printf '%s|' --block KILL --json -- x
	assert_success
	assert_output "--block|KILL|--json|--|x|"
	# a '--' that is an option's value does not end the options
	run --separate-stderr sigtool mask --block -- -- true
	assert_failure 125
	[[ $stderr == *"'--'"* ]]
}

@test "mask: KILL and STOP named are errors, 'all' means all that can be; bad sets name the word" {
	for opt in --block --unblock --setmask --ignore --default; do
		run --separate-stderr sigtool mask "$opt" INT,KILL -- true
		assert_failure 125
		assert_output ""
		[[ $stderr == "sigtool: mask: $opt: signal 'KILL' cannot be blocked, caught or ignored"* ]] || fail "$stderr"
	done
	run --separate-stderr sigtool mask --ignore sigstop -- true
	assert_failure 125
	[[ $stderr == *"'sigstop' cannot be blocked"* ]]
	run --separate-stderr sigtool mask --block USR3 -- true
	assert_failure 125
	[[ $stderr == *"unknown signal 'USR3'"* ]]
	run --separate-stderr sigtool mask --block '' -- true
	assert_failure 125
}

@test "mask --block all --ignore all: every signal that can be" {
	[ -z "${SIGTOOL_WRAPPER:-}" ] || skip "valgrind keeps RTMAX for itself: it cannot be ignored under SIGTOOL_WRAPPER"
	# cat, not grep: grep catches SEGV to report stack overflows
	run sigtool_clean mask --block all --ignore all -- cat /proc/self/status
	assert_success
	assert_line $'SigBlk:\tfffffffe7ffbfeff'
	assert_line $'SigIgn:\tfffffffe7ffbfeff'
}

@test "mask: misuse is a usage error with nothing run" {
	run --separate-stderr sigtool mask --block INT
	assert_failure 2
	[[ $stderr == "sigtool: mask: --block needs a COMMAND to run: ... -- COMMAND [ARG...]"* ]]
	run --separate-stderr sigtool mask --list
	assert_failure 2
	run --separate-stderr sigtool mask --block INT --
	assert_failure 125
	[[ $stderr == *"missing COMMAND after '--'"* ]]
	run --separate-stderr sigtool mask 1 -- touch "$BATS_TEST_TMPDIR/ran"
	assert_failure 125
	[[ $stderr == *"extra operand '1'"* ]]
	run --separate-stderr sigtool mask --json -- touch "$BATS_TEST_TMPDIR/ran"
	assert_failure 125
	run --separate-stderr sigtool mask --decode 1 -- touch "$BATS_TEST_TMPDIR/ran"
	assert_failure 125
	run --separate-stderr sigtool mask --encode INT --threads
	assert_failure 2
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "mask: output errors: /dev/full is status 1, a closed pipe is quiet" {
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr bash -c '"$SIGTOOL" mask --encode all > /dev/full'
	assert_failure 1
	[[ $stderr == *"write error"* ]]
	run --separate-stderr bash -c 'set -o pipefail; "$SIGTOOL" mask --decode $(seq 1 3000) | head -1'
	assert_success
	assert_output "HUP"
	assert_equal "$stderr" ""
}
