#!/usr/bin/env bats
# install.bats - make install puts the binary, every man page and the three
# completions where they belong, under DESTDIR, and uninstall removes them.

load helpers

setup() {
	[ -f "$TOP_BUILDDIR/Makefile" ] || skip "no configured build tree"
	dest=$BATS_TEST_TMPDIR/root
	prefix=$(sed -n 's/^prefix = //p' "$TOP_BUILDDIR/Makefile")
	datadir=$(sed -n 's/^datarootdir = //p' "$TOP_BUILDDIR/Makefile")
	datadir=${datadir//\$\{prefix\}/$prefix}
}

@test "make install honours DESTDIR and installs binary, pages, completions" {
	run make -s -C "$TOP_BUILDDIR" install DESTDIR="$dest"
	assert_success
	assert [ -x "$dest$prefix/bin/sigtool" ]
	assert [ -r "$dest$datadir/man/man1/sigtool.1" ]
	for v in $MAN_VERBS; do
		assert [ -r "$dest$datadir/man/man1/sigtool-$v.1" ]
	done
	assert [ -r "$dest$datadir/bash-completion/completions/sigtool" ]
	assert [ -r "$dest$datadir/zsh/site-functions/_sigtool" ]
	assert [ -r "$dest$datadir/fish/vendor_completions.d/sigtool.fish" ]
	# the installed binary works
	run "$dest$prefix/bin/sigtool" list 15
	assert_output TERM

	run make -s -C "$TOP_BUILDDIR" uninstall DESTDIR="$dest"
	assert_success
	run find "$dest" -type f
	assert_output ""
}

@test "each completion directory can be chosen at install time" {
	run make -s -C "$TOP_BUILDDIR" install-data DESTDIR="$dest" \
		bashcompletiondir=/c/bash zshcompletiondir=/c/zsh fishcompletiondir=/c/fish
	assert_success
	assert [ -r "$dest/c/bash/sigtool" ]
	assert [ -r "$dest/c/zsh/_sigtool" ]
	assert [ -r "$dest/c/fish/sigtool.fish" ]
}

@test "configure offers a directory option for each completion" {
	run "$TOP_SRCDIR/configure" --help
	assert_success
	assert_line --partial -- "--with-bash-completion-dir=DIR"
	assert_line --partial -- "--with-zsh-completion-dir=DIR"
	assert_line --partial -- "--with-fish-completion-dir=DIR"
	assert_line --partial -- "--disable-nls"
}
