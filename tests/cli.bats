#!/usr/bin/env bats
# cli.bats - the program as a whole: help, version, verb look-up, usage
# errors, checked standard output, locale independence.

load helpers
bats_require_minimum_version 1.5.0

@test "--help lists every verb with its summary, on stdout, status 0" {
	run --separate-stderr sigtool --help
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^Usage: sigtool VERB '
	while IFS=$'\t' read -r verb summary; do
		assert_line --regexp "^  $verb +"
		assert_line --partial "$summary"
	done < <(sigtool --list-verbs)
	assert_line --partial "(alias: strsignal)"
}

@test "-h and 'help' print the same as --help" {
	run sigtool --help
	local main=$output
	run sigtool -h
	assert_success
	assert_output "$main"
	run sigtool help
	assert_success
	assert_output "$main"
}

@test "--version is in GNU format with the configured version" {
	run --separate-stderr sigtool --version
	assert_success
	assert_line --index 0 --regexp '^sigtool \(sigtool\) [0-9]+\.[0-9]+\.[0-9]+$'
	version=$(sed -n 's/^AC_INIT(\[sigtool\], \[\([^]]*\)\].*/\1/p' "$TOP_SRCDIR/configure.ac")
	assert_line --index 0 "sigtool (sigtool) $version"
	assert_line --partial "NO WARRANTY"
	run sigtool -V
	assert_success
}

@test "VERB --help and 'help VERB' agree for every verb" {
	while IFS=$'\t' read -r verb _; do
		run --separate-stderr sigtool "$verb" --help
		assert_success
		assert_equal "$stderr" ""
		assert_line --index 0 --regexp "^Usage: sigtool $verb "
		assert_line "Options:"
		assert_line "Exit status:"
		assert_line "Examples:"
		local h=$output
		run sigtool help "$verb"
		assert_success
		assert_output "$h"
		run sigtool "$verb" -h
		assert_output "$h"
	done < <(sigtool --list-verbs)
}

@test "every --help fits in 80 columns" {
	for verb in "" $(sigtool --list-verbs | cut -f1); do
		run bash -c '"$SIGTOOL" $1 --help | awk "length > 79 { print; bad = 1 } END { exit bad }"' _ "$verb"
		assert_success
	done
}

@test "an alias runs its verb: strsignal is describe" {
	run sigtool strsignal TERM
	assert_success
	local a=$output
	run sigtool describe TERM
	assert_output "$a"
	run sigtool help strsignal
	assert_success
	assert_line --index 0 --regexp '^Usage: sigtool describe '
}

@test "no verb: usage error on stderr, status 2, nothing on stdout" {
	run --separate-stderr sigtool
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: missing verb
Try 'sigtool --help' for more information."
}

@test "unknown verb: status 2 naming it, with the nearest verb" {
	run --separate-stderr sigtool lsit
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: unknown verb 'lsit' (did you mean list?)
Try 'sigtool --help' for more information."
	run --separate-stderr sigtool frobnicate
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: unknown verb 'frobnicate'"
}

@test "verbs are looked up exactly: no prefix matching" {
	run --separate-stderr sigtool li
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "${stderr%%$'\n'*}" "sigtool: unknown verb 'li' (did you mean list?)"
	run --separate-stderr sigtool desc TERM
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: unknown verb 'desc' (did you mean describe?)"
}

@test "an ambiguous prefix names every verb it starts, in order" {
	run --separate-stderr sigtool p
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: unknown verb 'p' (did you mean pause, pending or pidfd-send?)
Try 'sigtool --help' for more information."
	run --separate-stderr sigtool pe
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: unknown verb 'pe' (did you mean pending?)"
	run --separate-stderr sigtool help pa
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: unknown verb 'pa' (did you mean pause?)"
}

@test "sigtool --help VERB is VERB's help; VERB --version is the version" {
	run --separate-stderr sigtool --help wait
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$output" "$("$SIGTOOL" wait --help)"
	assert_line --index 0 --partial "Usage: sigtool wait "
	run --separate-stderr sigtool -h pause
	assert_success
	assert_equal "$output" "$("$SIGTOOL" help pause)"
	run --separate-stderr sigtool --help nosuch
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: unknown verb 'nosuch'"
	for verb in $("$SIGTOOL" --list-verbs | cut -f1); do
		run --separate-stderr sigtool "$verb" --version
		assert_success
		assert_equal "$stderr" ""
		assert_equal "$output" "$("$SIGTOOL" --version)"
	done
}

@test "a group of short options: the bad letter is named, not the word before" {
	run --separate-stderr sigtool describe --json -xy
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "sigtool: describe: invalid option -- 'x'
Try 'sigtool describe --help' for more information."
	run --separate-stderr sigtool wait -c1x USR1
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: wait: --count: invalid count '1x'"
}

@test "help of an unknown verb is a usage error" {
	run --separate-stderr sigtool help nosuch
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "${stderr%%$'\n'*}" "sigtool: unknown verb 'nosuch'"
	run --separate-stderr sigtool help list describe
	assert_failure 2
}

@test "unknown global option: status 2" {
	run --separate-stderr sigtool --frob
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: unrecognized option '--frob'
Try 'sigtool --help' for more information."
}

@test "bad verb options name the option and point to the verb's help" {
	run --separate-stderr sigtool list --bogus
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: list: unrecognized option '--bogus'
Try 'sigtool list --help' for more information."

	run --separate-stderr sigtool list -x
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: invalid option -- 'x'"

	run --separate-stderr sigtool list --format
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: option '--format' requires an argument"

	run --separate-stderr sigtool list --json=yes
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: list: option '--json=yes' does not take an argument"
	assert_equal "$output" ""
}

@test "a write error on stdout is status 1 with a message" {
	run --separate-stderr bash -c '"$SIGTOOL" list > /dev/full'
	assert_failure 1
	assert_equal "$stderr" "sigtool: list: write error: No space left on device"
	run --separate-stderr bash -c '"$SIGTOOL" --help > /dev/full'
	assert_failure 1
	run --separate-stderr bash -c '"$SIGTOOL" list >&-'
	assert_failure 1
	assert_equal "$stderr" "sigtool: list: write error: Bad file descriptor"
}

# A pipe whose reader is gone before sigtool writes: a FIFO opened read-write,
# then for writing, then the reading end closed (no race, no sleep).
@test "a closed pipe (EPIPE) ends sigtool quietly with status 0" {
	fifo=$BATS_TEST_TMPDIR/fifo
	mkfifo "$fifo"
	run --separate-stderr bash -c 'exec 3<>"$1" 4>"$1" 3<&-; "$SIGTOOL" list >&4' _ "$fifo"
	assert_success
	assert_equal "$stderr" ""
	# the same when SIGPIPE is inherited ignored
	run --separate-stderr bash -c 'trap "" PIPE; exec 3<>"$1" 4>"$1" 3<&-; "$SIGTOOL" list >&4' _ "$fifo"
	assert_success
	assert_equal "$stderr" ""
}

@test "'| head -1' under pipefail: first line only, status 0, no message" {
	run --separate-stderr bash -c 'set -o pipefail; "$SIGTOOL" list --format names $(seq 1 31) $(seq 1 31) $(yes 15 | head -n 60000) | head -n 1'
	assert_success
	assert_output "HUP"
	assert_equal "$stderr" ""
}

@test "signal names are locale-independent (Turkish dotless i)" {
	build_locale tr_TR
	# the locale really is active: bash's own case mapping turns i into İ
	run env LOCPATH="$BATS_TEST_TMPDIR/loc" LC_ALL=tr_TR.UTF-8 bash -c 'x=int; echo "${x^^}"'
	assert_output "İNT"
	run env LOCPATH="$BATS_TEST_TMPDIR/loc" LC_ALL=tr_TR.UTF-8 "$SIGTOOL" list int sigint pipe rtmin+1 Io
	assert_success
	assert_output "2
2
13
35
29"
}
