#!/usr/bin/env bats
# i18n.bats - sigtool in Korean and Brazilian Portuguese: messages, --help,
# tables aligned by display width, JSON untouched, locale-independent
# signal names, and the translated man pages.

load helpers
bats_require_minimum_version 1.5.0

# Locales the tests run in; localedef makes the ones the system lacks, in
# a directory of this file's own (LOCPATH), and the catalogues are the
# build's po/LL.gmo, found through SIGTOOL_LOCALEDIR.
setup_file() {
	local l missing= d="$BATS_FILE_TMPDIR" locales="ko_KR pt_BR tr_TR"
	[ "${USE_NLS:-yes}" = yes ] || locales=tr_TR
	for l in $locales; do
		[ "$(LC_ALL=$l.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ] || missing=yes
	done
	if [ -n "$missing" ]; then
		mkdir -p "$d/locale"
		for l in $locales; do
			localedef -c -i $l -f UTF-8 "$d/locale/$l.UTF-8" >/dev/null 2>&1 ||
				[ -f "$d/locale/$l.UTF-8/LC_CTYPE" ]
		done
		export LOCPATH="$d/locale"
	fi
	[ "${USE_NLS:-yes}" = yes ] || return 0
	for l in $(sed 's/#.*//' "$TOP_SRCDIR/po/LINGUAS"); do
		mkdir -p "$d/catalogs/$l/LC_MESSAGES"
		g="$TOP_BUILDDIR/po/$l.gmo"
		[ -f "$g" ] || g="$TOP_SRCDIR/po/$l.gmo"
		cp "$g" "$d/catalogs/$l/LC_MESSAGES/sigtool.mo"
	done
	export SIGTOOL_LOCALEDIR="$d/catalogs"
}

setup() {
	# names of signals are read alike in every locale, with NLS or without
	[[ "${USE_NLS:-yes}" = yes || $BATS_TEST_DESCRIPTION == *tr_TR* ]] ||
		skip "sigtool was built with --disable-nls"
	unset LANGUAGE LANG LC_MESSAGES
	cd "$BATS_TEST_TMPDIR"
	valgrind_logs
}

teardown() {
	valgrind_clean
}

ko() { LC_ALL=ko_KR.UTF-8 sigtool "$@"; }
pt() { LC_ALL=pt_BR.UTF-8 sigtool "$@"; }

# English prose left in translated output: a line, other than an example
# command ("  $ ...") or the copyright holder's name, holding one of these
# words on its own (not in not-found, --from...). Signal and option names,
# JSON keys and values and the like hold none of them.
assert_no_english() {
	local bad
	bad=$(grep -v -e '^ *\$ ' -e 'Copyright' <<< "$output" |
		grep -nP '(?<![-\w])(the|and|is|are|with|when|which|from|that|this|was|not|or|of)(?![-\w])' || true)
	[ -z "$bad" ] || fail "English left in the translation:
$bad"
}

# Columns of a table line up on a terminal: each row's fields (separated by
# two blanks or more) start, or for right-aligned ones end, at the same
# display column as in the other rows; Hangul counts two columns.
assert_aligned() {
	run python3 -c '
import sys, re, unicodedata
def w(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
rows = [l.rstrip("\n") for l in sys.stdin if l.strip()]
spans = []
for l in rows:
    f = [(w(l[:m.start()]), w(l[:m.end()])) for m in re.finditer(r"\S+(?: \S+)*", l)]
    spans.append(f)
n = len(spans[0])
if n < 2 or any(len(f) != n for f in spans):
    sys.exit("not a table of %d columns: %r" % (n, rows))
for c in range(n):
    starts = {f[c][0] for f in spans}
    ends = {f[c][1] for f in spans}
    if len(starts) > 1 and (len(ends) > 1 or c == n - 1):
        sys.exit("column %d is not aligned: starts %s, ends %s" % (c + 1, sorted(starts), sorted(ends)))
print("%d rows of %d columns aligned" % (len(rows), n))
' <<< "$1"
	assert_success
}

@test "LANGUAGE=ko and LC_ALL=ko_KR.UTF-8: sigtool --help is in Korean" {
	run env LC_ALL=C.UTF-8 LANGUAGE=ko "$SIGTOOL" --help
	assert_success
	assert_line --index 0 --regexp '^사용법: sigtool '
	assert_line --partial '셸'
	assert_no_english
	run ko --help
	assert_success
	assert_line --index 0 --regexp '^사용법: sigtool '
	assert_no_english
}

@test "pt_BR: sigtool --help is in Portuguese" {
	run pt --help
	assert_success
	assert_line --index 0 --regexp '^Uso: sigtool '
	assert_output --partial 'sinais'
	assert_no_english
}

@test "help of every verb is wholly translated, in both languages" {
	for v in $(sigtool --list-verbs | cut -f1); do
		run ko help "$v"
		assert_success
		assert_line --index 0 --regexp "^사용법: sigtool $v"
		assert_no_english
		run pt help "$v"
		assert_success
		assert_line --index 0 --regexp "^Uso: sigtool $v"
		assert_no_english
	done
}

@test "describe SIG: labels and values line up in Korean and Portuguese" {
	run ko describe KILL
	assert_success
	assert_line --index 1 --regexp '^  [가-힣]+:'
	assert_aligned "$(sed -n '2,7p' <<< "$output")"
	run pt describe CHLD
	assert_success
	assert_aligned "$(sed -n '2,7p' <<< "$output")"
}

@test "describe --status 137: Korean and Portuguese, signal names kept" {
	run ko describe --status 137
	assert_success
	assert_output --partial 'KILL'
	assert_output --regexp '[가-힣]'
	assert_no_english
	run pt describe --status 137
	assert_success
	assert_output --partial 'KILL'
	assert_output --partial 'sinal'
	assert_no_english
	# the JSON is the same in any language
	run ko describe --json --status 137
	assert_success
	assert_equal "$output" "$(LC_ALL=C sigtool describe --json --status 137)"
	run ko describe --json KILL CHLD rtmin+1
	assert_success
	assert_equal "$output" "$(LC_ALL=C sigtool describe --json KILL CHLD rtmin+1)"
}

@test "describe --status: the usual causes in Korean and Portuguese; JSON's cause untranslated" {
	run ko describe --status 137 130 141 143 2
	assert_success
	assert_line --index 1 "     흔히 메모리가 바닥났을 때의 OOM killer: 'dmesg'나 'journalctl -k' 참고"
	assert_line --index 3 "     흔히 터미널에서 누른 Ctrl-C"
	assert_equal "${#lines[@]}" 9
	assert_no_english
	run pt describe --status 143
	assert_line --index 1 --partial "muitas vezes um pedido de parada"
	assert_no_english
	run ko describe --json --status 137 141
	assert_equal "$(jq -c '[.[].cause]' <<< "$output")" '["oom-killer","closed-pipe"]'
}

@test "on a terminal in Korean and Portuguese: prose wraps at 80 display columns (Hangul two), every word kept" {
	run on_pty LC_ALL=ko_KR.UTF-8 sigtool describe KILL CHLD
	assert_success
	assert_line "  참고:           포착, 차단, 무시할 수 없음. 항상 프로세스를 끝냄(단, 자신의"
	assert_line --regexp '^ {18}[^ ].*예외\)$'
	# measured in columns, not bytes (which would break after some 55
	# columns of Hangul) nor characters (which would overrun 80)
	[ "$(widest <<< "$output")" -le 80 ]
	[ "$(widest <<< "$output")" -gt 70 ]
	wrapped=$output
	run ko describe KILL CHLD
	assert_equal "$(words <<< "$wrapped")" "$(words <<< "$output")"

	run on_pty LC_ALL=ko_KR.UTF-8 sigtool describe --status 134 143
	assert_success
	assert_equal "${#lines[@]}" 6
	[ "$(widest <<< "$output")" -le 80 ]
	assert_line --index 2 --regexp '^     [^ ]'
	wrapped=$output
	run ko describe --status 134 143
	assert_equal "$(words <<< "$wrapped")" "$(words <<< "$output")"

	run on_pty LC_ALL=pt_BR.UTF-8 sigtool describe --status 143
	assert_success
	assert_equal "${#lines[@]}" 3
	[ "$(widest <<< "$output")" -le 80 ]
	wrapped=$output
	run pt describe --status 143
	assert_equal "$(words <<< "$wrapped")" "$(words <<< "$output")"
}

@test "a usage error is reported in the language, naming the word" {
	run --separate-stderr ko send NOSUCHSIG 1
	assert_failure 2
	assert_equal "$output" ""
	[[ $stderr == *NOSUCHSIG* ]]
	[[ $stderr =~ [가-힣] ]] || fail "not Korean: $stderr"
	run --separate-stderr pt send NOSUCHSIG 1
	assert_failure 2
	[[ $stderr == *NOSUCHSIG* ]]
	[[ $stderr != *"unknown signal"* ]] || fail "not Portuguese: $stderr"
}

@test "list: Korean headers and descriptions, columns aligned by display width" {
	run ko list
	assert_success
	assert_line --index 0 --regexp '^[^A-Za-z]*번호'
	assert_line --regexp '^ +9  KILL +Term +[^ ]*[가-힣]'
	assert_aligned "$output"
	# the same table in Portuguese, with accented (one-column) letters
	run pt list
	assert_success
	assert_aligned "$output"
	# JSON untouched: glibc's English descriptions, as in the C locale
	run ko list --json
	assert_success
	assert_equal "$output" "$(LC_ALL=C sigtool list --json)"
}

@test "status of a process in Korean: notes and headers translated, aligned" {
	"$TESTS_BIN/sigrecv" -i INT -H USR1 "$BATS_TEST_TMPDIR/ready" &
	t=$!
	wait_for_file "$BATS_TEST_TMPDIR/ready"
	run ko status "$t"
	assert_success
	assert_line --index 0 --regexp "^PID $t \\(sigrecv\\): .*[가-힣]"
	assert_no_english
	# the table: from its header to the last signal row
	table=$(sed -n '2,/^ *[0-9]\+ /p;/^ *[0-9]\+ /p' <<< "$output" | awk '!seen[$0]++')
	assert_aligned "$table"
	# (less the user's count of queued signals, which other processes change)
	run ko status --json "$t"
	c_json=$(LC_ALL=C sigtool status --json "$t")
	kill_children "$t"
	assert_success
	assert_equal "${output/\"queued\":[0-9]*/}" "${c_json/\"queued\":[0-9]*/}"
}

@test "status \$\$ in Portuguese" {
	run pt status $$
	assert_success
	assert_line --index 0 --regexp "^PID $$ \\(bash\\): "
	assert_no_english
}

@test "timeout loads the locale only to speak: a bad DURATION in Korean, -v lines in Portuguese" {
	run --separate-stderr ko timeout 1x true
	assert_failure 125
	assert_equal "$output" ""
	[[ $stderr == *"'1x'"* ]] || fail "the word is not named: $stderr"
	[[ $stderr =~ [가-힣] ]] || fail "not Korean: $stderr"
	run --separate-stderr pt timeout -v 0.1 sh -c 'exec sleep 5'
	assert_failure 124
	assert_equal "${#stderr_lines[@]}" 3
	for l in "${stderr_lines[@]}"; do
		[[ $l =~ ^sigtool:\ timeout:\ 0\.[0-9]{6}s:\  ]] || fail "no elapsed time: $l"
	done
	[[ ${stderr_lines[0]} == *TERM* && ${stderr_lines[0]} != *"time limit reached"* ]] ||
		fail "not Portuguese: ${stderr_lines[0]}"
	[[ ${stderr_lines[2]} == *124 && ${stderr_lines[2]} != *"exit status"* ]] ||
		fail "not Portuguese: ${stderr_lines[2]}"
}

@test "timer --get in Korean: a translated header, aligned" {
	run ko timer --get
	assert_success
	assert_line --index 0 --regexp '[가-힣]'
	assert_aligned "$output"
}

@test "--help in Korean: option texts start at the help column" {
	run ko send --help
	assert_success
	# every option row: its text at column 31, or on the next line there
	local prev=
	while IFS= read -r line; do
		if [[ $prev =~ ^\ \ (-[a-zA-Z],\ )?--[a-z] ]]; then
			left=${prev:0:30}
			if [[ ${#prev} -gt 30 && $left =~ [^\ ]\ \ +$ ]]; then
				[[ ${prev:30:1} != " " ]] || fail "misaligned: $prev"
			else
				[[ $line =~ ^\ {30}[^\ ] ]] || fail "misaligned: $prev / $line"
			fi
		fi
		prev=$line
	done <<< "$output"
}

@test "LANG=tr_TR.UTF-8: send int still means INT" {
	[ "$(LC_ALL=tr_TR.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ] || fail "no tr_TR.UTF-8 locale"
	run isolated bash -c '
		"$0" r.ready INT > r.out & r=$!
		while [ ! -s r.ready ]; do sleep 0.01; done
		LANG=tr_TR.UTF-8 LC_ALL= $1 "$2" send int $r; st=$?
		wait $r
		echo "status=$st"; cut -d" " -f1 r.out
		LANG=tr_TR.UTF-8 LC_ALL= $1 "$2" list int iot' \
		"$TESTS_BIN/sigrecv" "${SIGTOOL_WRAPPER:-}" "$SIGTOOL"
	assert_success
	assert_line --index 0 "status=0"
	assert_line --index 1 "2"
	assert_line --index 2 "2"
	assert_line --index 3 "6"
}

# A translated page from the build tree, else the source tree.
l10n_page() {
	local f
	for f in "$TOP_BUILDDIR/man/$1/$2.1" "$TOP_SRCDIR/man/$1/$2.1"; do
		[ -r "$f" ] && { echo "$f"; return; }
	done
	fail "no man page man/$1/$2.1"
}

# loc LL: the locale of a language of po/LINGUAS
loc() {
	case $1 in ko) echo ko_KR.UTF-8 ;; *) echo "$1.UTF-8" ;; esac
}

@test "man pages in Korean and Portuguese: each renders, headings translated, examples intact" {
	command -v man >/dev/null || skip "man is not installed"
	for l in ko pt_BR; do
		for v in "" $(sigtool --list-verbs | cut -f1); do
			f=$(l10n_page $l "sigtool${v:+-$v}")
			run --separate-stderr env MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$f"
			assert_success
			assert_equal "$stderr" ""
			page=$(LC_ALL=C.UTF-8 col -bx <<< "$output")
			for s in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
				! grep -q "^$s\$" <<< "$page" || fail "$f: English heading $s"
			done
			# title, NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXIT STATUS,
			# EXAMPLES, COPYRIGHT, SEE ALSO, footer: help2man found them all
			[ "$(grep -c '^[^ ]' <<< "$page")" -ge 10 ] || fail "$f: sections missing"
			# every example line of --help is one line of the page, as it is
			while IFS= read -r ex; do
				grep -qxF -- "       $ex" <<< "$page" || fail "$f: example not intact: $ex"
			done < <(LC_ALL=$(loc $l) sigtool $v --help | sed -n 's/^  \(\$ .*\)/\1/p')
		done
	done
}

@test "man -L ko and man -L pt_BR: every page wholly translated, DETAILS too" {
	command -v man >/dev/null || skip "man is not installed"
	declare -A details=([ko]='세부 사항' [pt_BR]='DETALHES')
	for l in ko pt_BR; do
		mkdir -p "$BATS_TEST_TMPDIR/man/$l/man1"
		for v in "" $MAN_VERBS; do
			page=sigtool${v:+-$v}
			cp "$(l10n_page $l $page)" "$BATS_TEST_TMPDIR/man/$l/man1/"
			run env MANPATH="$BATS_TEST_TMPDIR/man" MANWIDTH=80 LC_ALL=C.UTF-8 man -L $l $page
			assert_success
			output=$(LC_ALL=C.UTF-8 col -bx <<< "$output")
			assert_line --index 0 --regexp "^${page^^}\\(1\\)"
			assert_line --regexp "^ *$page +- "
			# the section of the choices sigtool makes, in the page's language
			assert_line "${details[$l]}"
			refute_line DETAILS
			assert_no_english
		done
	done
}

@test "make install puts the catalogues and the translated pages in place" {
	[ -f "$TOP_BUILDDIR/Makefile" ] || skip "no configured build tree"
	dest=$BATS_TEST_TMPDIR/root
	# a directory of the Makefile, its ${...} expanded
	var() {
		local v
		v=$(sed -n "s/^$1 = //p" "$TOP_BUILDDIR/Makefile")
		while [[ $v =~ \$\{([a-z_]+)\} ]]; do
			v=${v//${BASH_REMATCH[0]}/$(var "${BASH_REMATCH[1]}")}
		done
		echo "$v"
	}
	localedir=$(var localedir) mandir=$(var mandir)
	run make -s -C "$TOP_BUILDDIR" install DESTDIR="$dest"
	assert_success
	for l in ko pt_BR; do
		assert [ -r "$dest$localedir/$l/LC_MESSAGES/sigtool.mo" ]
		for v in "" $MAN_VERBS; do
			assert [ -r "$dest$mandir/$l/man1/sigtool${v:+-$v}.1" ]
		done
	done
	# the installed catalogue is the one the binary reads
	run env SIGTOOL_LOCALEDIR="$dest$localedir" LC_ALL=ko_KR.UTF-8 "$dest$(var bindir)/sigtool" help send
	assert_line --index 0 --regexp '^사용법: sigtool send'
	run env MANPATH="$dest$mandir" MANWIDTH=80 LC_ALL=C.UTF-8 man -L pt_BR sigtool-send
	assert_success
	assert_line --regexp '^SINOPSE'
	run make -s -C "$TOP_BUILDDIR" uninstall DESTDIR="$dest"
	assert_success
	run find "$dest" -type f
	assert_output ""
}

@test "demo: a lesson told in Korean and Portuguese, its commands and JSON untouched" {
	command -v jq >/dev/null || skip "jq is not installed"
	run -0 ko demo coalesce
	assert_no_english
	assert_line --regexp '^단계 1/3\. '
	assert_line '  $ sigtool pending "$(cat c.pid)"'
	run -0 pt demo coalesce
	assert_no_english
	assert_line --regexp '^Passo 1 de 3\. '
	assert_line '  $ sigtool pending "$(cat c.pid)"'
	# JSON: English keys and texts whatever the language, observations alike
	run -0 ko demo coalesce --json
	jq -e . <<<"$output" >/dev/null
	assert_equal "$(jq -r 'select(.step == 1) | .text' <<<"$output" | cut -d' ' -f1-2)" "A child"
	run -0 --separate-stderr env LC_ALL=C ${SIGTOOL_WRAPPER:-} "$SIGTOOL" demo coalesce --json
	en=$output
	run -0 ko demo coalesce --json
	assert_equal "$(jq -c 'del(.pgid, .pid, .pids, .children)' <<<"$output" | jq -c 'keys')" \
		"$(jq -c 'del(.pgid, .pid, .pids, .children)' <<<"$en" | jq -c 'keys')"
}
