#!/usr/bin/env bats
# list.bats - `sigtool list`: the table of valid signals and kill -l style
# conversions, checked against bash's own kill -l and signal(7).

load helpers
bats_require_minimum_version 1.5.0

@test "the table lists exactly the valid signals: 1-31 and RTMIN..RTMAX" {
	run sigtool list --no-header --format numbers
	assert_success
	assert_output "$(valid_numbers)"
	refute_line 0
	refute_line 32
	refute_line 33
	assert_equal "${#lines[@]}" 62
}

@test "names match bash's kill -l for every signal, without SIG" {
	expected=$(for n in $(valid_numbers); do kill -l "$n"; done)
	run sigtool list --format names
	assert_success
	assert_output "$expected"
	assert_line --index 33 "RTMIN+2"
	assert_line --index 61 "RTMAX"
}

@test "the table: header, number, name, default action, description" {
	run sigtool list
	assert_success
	assert_equal "${#lines[@]}" 63
	assert_line --index 0 --regexp '^NUM +NAME +ACTION +DESCRIPTION$'
	assert_line --index 1 --regexp '^  1  HUP +Term +Hangup$'
	assert_line --index 9 --regexp '^  9  KILL +Term +Killed$'
	assert_line --index 15 --regexp '^ 15  TERM +Term +Terminated$'
	assert_line --index 17 --regexp '^ 17  CHLD +Ign +Child exited$'
	assert_line --index 19 --regexp '^ 19  STOP +Stop +Stopped \(signal\)$'
	assert_line --index 32 --regexp '^ 34  RTMIN +Term +Real-time signal 0$'
	# columns line up: every name starts in the same column
	run bash -c '"$SIGTOOL" list | cut -c6- | grep -c "^[A-Z]"'
	assert_output 63
}

@test "--no-header drops only the header" {
	run sigtool list --no-header
	assert_success
	assert_equal "${#lines[@]}" 62
	assert_line --index 0 --regexp '^ 1  HUP +Term +Hangup$'
}

@test "default actions follow signal(7)" {
	run sigtool list --no-header
	for s in QUIT ILL TRAP ABRT BUS FPE SEGV XCPU XFSZ SYS; do
		assert_line --regexp "^ *[0-9]+  $s +Core "
	done
	for s in HUP INT KILL USR1 USR2 PIPE ALRM TERM STKFLT VTALRM PROF IO PWR; do
		assert_line --regexp "^ *[0-9]+  $s +Term "
	done
	for s in CHLD URG WINCH; do
		assert_line --regexp "^ *[0-9]+  $s +Ign "
	done
	for s in STOP TSTP TTIN TTOU; do
		assert_line --regexp "^ *[0-9]+  $s +Stop "
	done
	assert_line --regexp "^ *18  CONT +Cont "
}

@test "arguments convert like kill -l: numbers to names, names to numbers" {
	run sigtool list 15 TERM sigterm SigInt 9 rtmin rtmin+2 RTMAX-1 rt3 IOT cld poll
	assert_success
	assert_output "TERM
15
15
2
KILL
34
36
63
37
6
17
29"
}

@test "a number above 128 is an exit status: 143 is TERM" {
	run sigtool list 143 137 129 192
	assert_success
	assert_output "TERM
KILL
HUP
RTMAX"
}

@test "--format overrides the conversion" {
	run sigtool list --format names 15 TERM
	assert_output "TERM
TERM"
	run sigtool list --format numbers 15 TERM 143
	assert_output "15
15
15"
	run sigtool list --format table --no-header term 9
	assert_success
	assert_line --index 0 --regexp '^15  TERM +Term +Terminated$'
	assert_line --index 1 --regexp '^ 9  KILL +Term +Killed$'
}

@test "--json: an array of {signo, name, description, default_action}" {
	run sigtool list --json
	assert_success
	run jq -c 'length, .[0], .[14], .[33], ([.[] | keys | join(",")] | unique)' <<< "$output"
	assert_success
	assert_output '62
{"signo":1,"name":"HUP","description":"Hangup","default_action":"Term"}
{"signo":15,"name":"TERM","description":"Terminated","default_action":"Term"}
{"signo":36,"name":"RTMIN+2","description":"Real-time signal 2","default_action":"Term"}
["default_action,description,name,signo"]'
}

@test "--json with arguments describes just those" {
	run bash -c '"$SIGTOOL" list --json kill 143 | jq -c "[.[].name]"'
	assert_success
	assert_output '["KILL","TERM"]'
}

@test "the table speaks the locale; --json descriptions stay English" {
	build_locale de_DE
	[ -r /usr/share/locale/de/LC_MESSAGES/libc.mo ] || skip "glibc's German messages (package libc-l10n) are not installed"
	export LOCPATH=$BATS_TEST_TMPDIR/loc LC_ALL=de_DE.UTF-8
	run sigtool list --format table --no-header 15
	assert_success
	assert_output --regexp '^15  TERM +Term +Beendet$'
	run bash -c '"$SIGTOOL" list --json 15 | jq -r ".[0].description"'
	assert_output "Terminated"
}

@test "C.UTF-8 translates only through LANGUAGE, as glibc's gettext does" {
	locale -a 2>/dev/null | grep -qix 'c\.utf-\?8' || skip "no C.UTF-8 locale"
	[ -r /usr/share/locale/de/LC_MESSAGES/libc.mo ] || skip "glibc's German messages (package libc-l10n) are not installed"
	run env -u LANGUAGE LC_ALL=C.UTF-8 ${SIGTOOL_WRAPPER:-} "$SIGTOOL" list --format table --no-header 15
	assert_success
	assert_output --regexp '^15  TERM +Term +Terminated$'
	run env LC_ALL=C.UTF-8 LANGUAGE=de ${SIGTOOL_WRAPPER:-} "$SIGTOOL" describe TERM
	assert_line --index 0 'TERM (15): Beendet'
	run env LC_ALL=C LANGUAGE=de ${SIGTOOL_WRAPPER:-} "$SIGTOOL" describe TERM
	assert_line --index 0 'TERM (15): Terminated'
}

@test "bad signals: status 2, the bad word named, nothing printed" {
	for bad in 32 33 0 65 128 300 TREM SIGFOO RTMIN+31 RTMAX-31 rtmin-1 '' '+15' ' 15' 0x0f; do
		run --separate-stderr sigtool list 15 "$bad"
		assert_failure 2
		assert_equal "$output" ""
		assert_equal "$(sed -n 2p <<< "$stderr")" "Try 'sigtool list --help' for more information."
	done
	run --separate-stderr sigtool list TREM
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: unknown signal 'TREM' (did you mean TERM?)"
	run --separate-stderr sigtool list 32
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: '32' is not a valid signal number (1-31, 34-64)"
	run --separate-stderr sigtool list 300
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: '300' is neither a signal number nor 128 plus one"
}

@test "--json and --format together are a usage error; bad --format named" {
	run --separate-stderr sigtool list --json --format names
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: --json and --format cannot be used together"
	run --separate-stderr sigtool list --format=wide
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: --format: invalid format 'wide' (use table, names or numbers)"
}
