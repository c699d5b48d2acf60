#!/usr/bin/env bats
# man.bats - the generated man pages: one per verb, each carrying every
# option, the exit statuses, examples and SEE ALSO, and none stale.

load helpers
bats_require_minimum_version 1.5.0

# A page from the build tree, else the source tree (a VPATH build from the
# tarball keeps the shipped pages in the source tree).
page() {
	local f
	for f in "$TOP_BUILDDIR/man/$1.1" "$TOP_SRCDIR/man/$1.1"; do
		[ -r "$f" ] && { echo "$f"; return; }
	done
	echo "no man page $1.1" >&2
	return 1
}

verbs() {
	sigtool --list-verbs | cut -f1
}

@test "every verb has a page, and the build knows every verb" {
	run page sigtool
	assert_success
	for v in $(verbs); do
		run page "sigtool-$v"
		assert_success
	done
	# MAN_VERBS in Makefile.am is exactly the verb table
	assert_equal "$(printf '%s\n' $MAN_VERBS | sort)" "$(verbs | sort)"
}

@test "each verb page is titled sigtool-VERB with its summary" {
	while IFS=$'\t' read -r v summary; do
		f=$(page "sigtool-$v")
		upper=$(tr a-z A-Z <<< "$v")
		run grep -c "^\.TH \"SIGTOOL-$upper\" \"1\"" "$f"
		assert_output 1
		run sed -n '/^\.SH NAME/{n;p;}' "$f"
		assert_output "sigtool-$v \\- ${summary//-/\\-}"
	done < <(sigtool --list-verbs)
}

@test "each page has SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS, EXAMPLES, SEE ALSO" {
	for p in sigtool $(verbs | sed 's/^/sigtool-/'); do
		f=$(page "$p")
		for s in SYNOPSIS DESCRIPTION OPTIONS '"EXIT STATUS"' EXAMPLES '"SEE ALSO"'; do
			run grep -c "^\.SH $s\$" "$f"
			assert_output 1
		done
	done
}

@test "each verb page documents every long option of the verb's --help" {
	for v in $(verbs); do
		f=$(page "sigtool-$v")
		opts=$(sigtool "$v" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+')
		[ -n "$opts" ]
		for o in $opts; do
			grep -qF -- "${o//-/\\-}" "$f" || fail "$f does not mention $o"
		done
	done
}

@test "SEE ALSO of every page names every verb page" {
	for p in sigtool $(verbs | sed 's/^/sigtool-/'); do
		f=$(page "$p")
		for v in $(verbs); do
			grep -qF "sigtool\\-${v//-/\\-} (1)" "$f" || fail "$p does not refer to sigtool-$v(1)"
		done
	done
}

@test "the pages are up to date with --help (regenerated with help2man)" {
	command -v help2man >/dev/null || skip "help2man is not installed"
	for v in "" $(verbs); do
		p=sigtool${v:+-$v}
		HELP2MAN=help2man sh "$TOP_SRCDIR/man/help2man-page" "$SIGTOOL" "$v" \
			"$TOP_SRCDIR/man" "$BATS_TEST_TMPDIR/$p.1"
		# the date and the program's path are the only things allowed to differ
		run diff <(grep -v '^\.TH' "$(page "$p")") <(grep -v '^\.TH' "$BATS_TEST_TMPDIR/$p.1")
		assert_success
	done
}

@test "man renders every page without warnings" {
	command -v man >/dev/null || skip "man is not installed"
	for p in sigtool $(verbs | sed 's/^/sigtool-/'); do
		run --separate-stderr env MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$(page "$p")"
		assert_success
		assert_equal "$stderr" ""
		assert_output --partial "EXIT STATUS"
	done
}

@test "EXAMPLES: every example line of --help is one line of the page, pasteable" {
	command -v man >/dev/null || skip "man is not installed"
	for v in "" $(verbs); do
		f=$(page "sigtool${v:+-$v}")
		out=$(MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$f" 2>/dev/null | LC_ALL=C.UTF-8 col -bx)
		n=0
		while IFS= read -r ex; do
			grep -qxF -- "       $ex" <<< "$out" || fail "$f: example not intact: $ex"
			n=$((n + 1))
		done < <(sigtool $v --help | sed -n 's/^  \(\$ .*\)/\1/p')
		[ "$n" -gt 0 ] || fail "no examples in sigtool $v --help"
		# literal lines: no hyphenation, no fill inside EXAMPLES
		run sed -n '/^\.SH EXAMPLES/,/^\.SH/p' "$f"
		assert_line --index 1 '.nf'
	done
}
