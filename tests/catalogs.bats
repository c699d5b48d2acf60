#!/usr/bin/env bats
# catalogs.bats - the translations are complete: every message that sigtool
# can print (the template made from the sources now, as `make update-po`
# makes it) has a translation that is not fuzzy in each po/LL.po, with the
# same format directives; and po/POTFILES.in names every source of messages.

load helpers
bats_require_minimum_version 1.5.0

setup() {
	for p in xgettext msgmerge msgfmt; do
		command -v $p >/dev/null || fail "$p is missing: apt-get install gettext"
	done
	cd "$BATS_TEST_TMPDIR"
}

linguas() {
	sed 's/#.*//' "$TOP_SRCDIR/po/LINGUAS"
}

# The template from the sources, as `make update-po` makes it.
fresh_pot() {
	[ -f fresh.pot ] || sh "$TOP_SRCDIR/po/make-pot" \
		"$TOP_SRCDIR" "$TOP_BUILDDIR" fresh.pot 2>/dev/null
}

@test "po/LINGUAS names ko and pt_BR, each with its catalogue" {
	assert_equal "$(linguas | xargs)" "ko pt_BR"
	for l in $(linguas); do
		[ -f "$TOP_SRCDIR/po/$l.po" ] || fail "po/$l.po is missing"
	done
}

@test "po/POTFILES.in names every source file that marks a message" {
	cd "$TOP_SRCDIR"
	run diff <(grep -v '^#' po/POTFILES.in) \
		<(find src -name '*.[ch]' | xargs grep -lE '\<N?_\(' | sort)
	assert_success
}

@test "the template holds the paragraphs shared by several verbs, once" {
	fresh_pot
	# the selectors' paragraph (SELOPT_HELP), part of five verbs' help
	run grep -c '^"Selecting processes: --name' fresh.pot
	assert_success
	assert_equal "$output" 1
	run msgfmt --check -o /dev/null fresh.pot
	assert_success
}

@test "every message is translated, none fuzzy, in every catalogue" {
	fresh_pot
	total=$(msgattrib --no-obsolete fresh.pot | grep -c '^msgid ')
	total=$((total - 1))            # the header
	for l in $(linguas); do
		msgmerge -q --no-fuzzy-matching -o "$l.po" "$TOP_SRCDIR/po/$l.po" fresh.pot
		run --separate-stderr msgfmt --check --statistics -o /dev/null "$l.po"
		assert_success
		assert_equal "$l: $stderr" "$l: $total translated messages."
	done
}

@test "the shipped catalogues keep every format directive and compile" {
	for l in $(linguas); do
		run --separate-stderr msgfmt --check-format --check-header -o /dev/null "$TOP_SRCDIR/po/$l.po"
		assert_success
	done
}
