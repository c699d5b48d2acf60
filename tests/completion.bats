#!/usr/bin/env bats
# completion.bats - the bash, zsh and fish completion scripts, run for real
# (the bash function with COMP_* set, fish's `complete -C`, zsh's completion
# widget in a pseudo-terminal) against the binary under test.

load helpers

setup_file() {
	local d=$BATS_FILE_TMPDIR

	# bash-complete LINE [POINT]: complete LINE, the cursor at POINT (default:
	# its end), with the bash function; print COMPREPLY one a line.
	# COMP_WORDS are split as bash splits unquoted words: at blanks, with runs
	# of '=' and ':' as words of their own (those of them in COMP_WORDBREAKS).
	# Fails if the function leaves a variable behind or trips over `set -u`.
	cat >"$d/bash-complete" <<'EOF'
set -u
source "$TOP_SRCDIR/completions/bash/sigtool"
line=$1 rest=$1
breaks=${COMP_WORDBREAKS//[^=:]/}
word_re="^[[:space:]]*([$breaks]+|[^[:space:]$breaks]+)"
[[ $breaks ]] || word_re='^[[:space:]]*([^[:space:]]+)'
COMP_WORDS=()
while [[ $rest =~ $word_re ]]; do
	COMP_WORDS+=("${BASH_REMATCH[1]}")
	rest=${rest:${#BASH_REMATCH[0]}}
done
[[ -z $line || $line == *[[:space:]] ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$line COMP_POINT=${2:-${#line}}
COMPREPLY=()
before= leaks=
before=$(compgen -v)
_sigtool || { echo "_sigtool returned $?" >&2; exit 1; }
leaks=$(comm -13 <(sort <<<"$before") <(compgen -v | sort))
[[ -z $leaks ]] || { echo "variables left behind: $leaks" >&2; exit 1; }
((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}"
EOF

	# zsh-complete LINE: type LINE and a TAB in an interactive zsh driven
	# through zpty; print the matches offered, then "~~", then the lines
	# that the completion list shows (with the descriptions), then "~~" and
	# the command line after the TAB.
	cat >"$d/zshrc" <<'EOF'
PS1='> '
fpath=("$TOP_SRCDIR/completions/zsh" $fpath)
autoload -Uz compinit && compinit -u -D
typeset -ga __got __shown
compadd() {
	# _describe asks compadd to match without adding (-O, -A, -D)
	if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
	local -a m
	local i
	builtin compadd -O m "$@"
	__got+=( $m )
	for (( i = 1; i < $#; i++ )); do
		[[ ${@[i]} == -d ]] && __shown+=( "${(@P)${@[i+1]}}" )
	done
	builtin compadd "$@"
}
_capture_complete() {
	__got=() __shown=()
	_main_complete
	print -rl -- $__got '~~' $__shown >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
}
zle -C capture-complete complete-word _capture_complete
bindkey '^I' capture-complete
# the command line once the completion has been inserted
_dump_buffer() { print -r -- "$BUFFER" >"$OUT.tmp" && mv "$OUT.tmp" "$OUT.buffer" }
zle -N _dump_buffer
bindkey '^B' _dump_buffer
EOF
	cat >"$d/zsh-complete" <<'EOF'
zmodload zsh/zpty || exit 3
export OUT=$BATS_TEST_TMPDIR/zsh-out
rm -f $OUT $OUT.buffer
zpty z zsh -f -i
zpty -w z "source ${(q)ZSHRC}"
zpty -w -n z "$1"$'\t'
integer i
for (( i = 0; i < 1000; i++ )); do [[ -e $OUT ]] && break; sleep 0.01; done
zpty -w -n z $'\C-b'
for (( i = 0; i < 1000; i++ )); do [[ -e $OUT.buffer ]] && break; sleep 0.01; done
zpty -d z
[[ -e $OUT && -e $OUT.buffer ]] || { print -u2 "zsh completion timed out"; exit 1; }
cat $OUT
print -r -- '~~'
cat $OUT.buffer
EOF
}

setup() {
	# the completions ask the `sigtool` of the command line: the one under test
	BIN=$BATS_TEST_TMPDIR/bin
	mkdir -p "$BIN"
	ln -s "$SIGTOOL" "$BIN/sigtool"
	PATH=$BIN:$PATH
	# fish and zsh must not read or write the tester's home
	export HOME=$BATS_TEST_TMPDIR/home XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/config \
		XDG_DATA_HOME=$BATS_TEST_TMPDIR/data XDG_CACHE_HOME=$BATS_TEST_TMPDIR/cache
	mkdir -p "$HOME"
	export TOP_SRCDIR ZSHRC=$BATS_FILE_TMPDIR/zshrc
}

bash_complete() {
	bash --norc --noprofile "$BATS_FILE_TMPDIR/bash-complete" "$@"
}

fish_complete() {
	fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
		"$TOP_SRCDIR/completions/fish/sigtool.fish" "$1"
}

zsh_complete() {
	zsh -f "$BATS_FILE_TMPDIR/zsh-complete" "$1"
}

need() {
	command -v "$1" >/dev/null || skip "$1 is not installed"
}

# A stand-in for sigtool that records the words it was asked about and
# answers STUB_REPLY, to test the scripts' side of the --complete protocol.
make_stub() {
	STUB=$BATS_TEST_TMPDIR/stub/sigtool
	mkdir -p "${STUB%/*}"
	cat >"$STUB" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$STUB_ARGS"
printf '%s\n' "$STUB_REPLY"
EOF
	chmod +x "$STUB"
	export STUB_ARGS=$BATS_TEST_TMPDIR/stub-args STUB_REPLY
}

# The long options of VERB as the option column of its --help lists them
# ("  -s, --status" or "      --format=FORMAT"), one a line, sorted.
help_long_options() {
	sigtool "$1" --help | sed -nE '/^Options:/,/^$/ s/^ +(-[[:alnum:]], )?(--[[:alnum:]][[:alnum:]-]*).*/\2/p' \
		| sort -u
}

# ---- the binary's side ------------------------------------------------------

@test "--complete: candidates with descriptions, one a line" {
	run sigtool --complete describe US
	assert_success
	assert_output "$(printf 'USR1\tUser defined signal 1\nUSR2\tUser defined signal 2')"
}

@test "--complete: describe --status takes numbers, not signals" {
	run sigtool --complete describe --status ''
	assert_success
	assert_output ''
	run sigtool --complete describe -s ''
	assert_output ''
	run sigtool --complete describe --stat ''
	assert_output ''
	# without it, signals
	run sigtool --complete describe --json ''
	assert_line --index 0 "$(printf 'HUP\tHangup')"
}

@test "--complete: demo offers the lessons of demo --list, and nothing after one" {
	run sigtool demo --list
	assert_success
	lessons=$(awk '{ print $1 }' <<< "$output")
	[ "$(wc -l <<< "$lessons")" -ge 9 ]
	run sigtool --complete demo ''
	assert_success
	assert_equal "$(cut -f1 <<< "$output")" "$lessons"
	# each with its summary, as --list gives it
	assert_line "$(printf 'coalesce\t%s' "$(sigtool demo --list | sed -n 's/^coalesce  *//p')")"
	run sigtool --complete demo co
	assert_output --regexp $'^coalesce\t[^\n]*$'
	run sigtool --complete demo coalesce ''
	assert_success
	assert_output ''
	# a verb with a COMMAND after its operands still offers the command
	run sigtool --complete timeout 5 ''
	assert_output ':command'
}

@test "bash: demo c<TAB> gives the lessons starting with c" {
	run bash_complete 'sigtool demo c'
	assert_success
	assert_output "$(sigtool demo --list | awk '/^c/ { print $1 }')"
}

@test "--complete: option values, separate, after '=' and abbreviated" {
	run sigtool --complete list --format ''
	assert_output "$(printf 'table\t\nnames\t\nnumbers\t')"
	run sigtool --complete list --format=n
	assert_output "$(printf -- '--format=names\t\n--format=numbers\t')"
	run sigtool --complete list --form n
	assert_output "$(printf 'names\t\nnumbers\t')"
	run sigtool --complete list --f
	assert_output "$(printf -- '--format=\toutput a table, names only or numbers only')"
}

@test "--complete: SIG-prefixed names and numbers" {
	run sigtool --complete describe sigus
	assert_output "$(printf 'SIGUSR1\tUser defined signal 1\nSIGUSR2\tUser defined signal 2')"
	run sigtool --complete describe 1
	assert_line --index 0 "$(printf '1\tHUP')"
	assert_line --index 1 "$(printf '10\tUSR1')"
}

@test "--complete: after '--' a word starting with '-' is an operand" {
	run sigtool --complete describe -- -
	assert_success
	assert_output ''
	run sigtool --complete describe -- sigte
	assert_output "$(printf 'SIGTERM\tTerminated')"
}

@test "--complete: --then DUR:SIG offers signals after the colon, DUR: kept" {
	run sigtool --complete send --then 5s:TE
	assert_success
	assert_output "$(printf '5s:TERM\tTerminated')"
	run sigtool --complete send -v --then=1.5s:sigus
	assert_output "$(printf -- '--then=1.5s:SIGUSR1\tUser defined signal 1\n--then=1.5s:SIGUSR2\tUser defined signal 2')"
	run sigtool --complete pidfd-send --th 2s:9
	assert_output "$(printf '2s:9\tKILL')"
	run sigtool --complete send --then 5s:
	assert_line --index 0 "$(printf '5s:HUP\tHangup')"
	[ "${#lines[@]}" -eq "$(sigtool list --format names | wc -l)" ]
	# before the colon, a duration: nothing to offer
	run sigtool --complete send --then 5
	assert_success
	assert_output ''
	# once given, the next words are the signal and PIDs as usual
	run sigtool --complete send --then 5s:KILL TE
	assert_output "$(printf 'TERM\tTerminated')"
}

@test "--complete: verbs, aliases only where the verb does not match, help" {
	run sigtool --complete ''
	assert_output "$(sigtool --list-verbs; printf 'help\tshow the help of a verb')"
	run sigtool --complete str
	assert_output "$(printf 'strsignal\tdescribe signals, or decode exit statuses')"
	run sigtool --complete help des
	assert_output "$(printf 'describe\tdescribe signals, or decode exit statuses')"
	run sigtool --complete --v
	assert_output "$(printf -- '--version\toutput version information and exit')"
	run sigtool --complete nosuchverb ''
	assert_success
	assert_output ''
}

# ---- bash -------------------------------------------------------------------

@test "bash: the script registers _sigtool for sigtool" {
	run bash --norc --noprofile -c 'source "$1" && complete -p sigtool' _ \
		"$TOP_SRCDIR/completions/bash/sigtool"
	assert_success
	assert_output 'complete -F _sigtool sigtool'
}

@test "bash: sigtool li<TAB> gives exactly list" {
	run bash_complete 'sigtool li'
	assert_success
	assert_output 'list'
}

@test "bash: sigtool se<TAB> gives exactly send; send and raise take signals, send PIDs" {
	run bash_complete 'sigtool se'
	assert_success
	assert_output 'send'
	run bash_complete 'sigtool send US'
	assert_output "$(printf 'USR1\nUSR2')"
	run bash_complete 'sigtool raise te'
	assert_output 'TERM'
	run bash_complete 'sigtool pidfd-send hu'
	assert_output 'HUP'
	# after the signal, PIDs: our own shell's PID is among them
	run bash_complete "sigtool send TERM $$"
	assert_line "$$"
}

@test "bash: verbs" {
	run bash_complete 'sigtool '
	assert_output "$(sigtool --list-verbs | cut -f1; echo help)"
}

@test "bash: describe US<TAB> and us<TAB> give USR1 and USR2" {
	run bash_complete 'sigtool describe US'
	assert_success
	assert_output "$(printf 'USR1\nUSR2')"
	run bash_complete 'sigtool describe us'
	assert_output "$(printf 'USR1\nUSR2')"
	run bash_complete 'sigtool strsignal sigte'
	assert_output 'SIGTERM'
}

@test "bash: list --format <TAB> gives table names numbers" {
	run bash_complete 'sigtool list --format '
	assert_success
	assert_output "$(printf 'table\nnames\nnumbers')"
}

@test "bash: --format=<TAB> and --format=n<TAB>, split by bash at '='" {
	run bash_complete 'sigtool list --format=n'
	assert_success
	assert_output "$(printf 'names\nnumbers')"
	run bash_complete 'sigtool list --json --format='
	assert_output "$(printf 'table\nnames\nnumbers')"
	run bash_complete 'sigtool list --f'
	assert_output '--format='
}

@test "bash: send --then 5s:TE<TAB> gives TERM after the ':' bash splits at" {
	run bash_complete 'sigtool send --then 5s:TE'
	assert_success
	assert_output 'TERM'
	run bash_complete 'sigtool pidfd-send --then=5s:us'
	assert_output "$(printf 'USR1\nUSR2')"
	# without ':' in COMP_WORDBREAKS bash replaces the word after '=': 5s: stays
	run bash --norc --noprofile -c 'COMP_WORDBREAKS=${COMP_WORDBREAKS//:/}; source "$0" "$1"' \
		"$BATS_FILE_TMPDIR/bash-complete" 'sigtool send --then=5s:TE'
	assert_success
	assert_output '5s:TERM'
}

@test "bash: the word is completed up to the cursor" {
	# sigtool describe us|R2
	run bash_complete 'sigtool describe usR2' 19
	assert_success
	assert_output "$(printf 'USR1\nUSR2')"
}

@test "bash: help des<TAB> gives describe" {
	run bash_complete 'sigtool help des'
	assert_success
	assert_output 'describe'
}

@test "bash: strsignal --j<TAB> gives --json" {
	run bash_complete 'sigtool strsignal --j'
	assert_success
	assert_output '--json'
}

@test "bash: describe --status <TAB> offers nothing" {
	run bash_complete 'sigtool describe --status '
	assert_success
	assert_output ''
}

@test "bash: every long option of every verb, and nothing else, for VERB --<TAB>" {
	local verb verbs
	verbs=$(sigtool --list-verbs | cut -f1)
	[ -n "$verbs" ]
	for verb in $verbs; do
		run help_long_options "$verb"
		assert_success
		[ -n "$output" ]
		local expected=$output
		run bash_complete "sigtool $verb --"
		assert_success
		# a trailing '=' means the option takes a value
		run sort -u <<<"${output//=/}"
		assert_output "$expected"
	done
}

@test "bash: asks the sigtool of the command line, with the words glued back at '=' and ':'" {
	make_stub
	STUB_REPLY=$(printf 'send\tstub answer\nsend-more\t')
	PATH=${PATH#"$BIN:"}
	run bash_complete "$STUB se"
	assert_success
	assert_output "$(printf 'send\nsend-more')"
	run cat "$STUB_ARGS"
	assert_output "$(printf -- '--complete\nse')"

	STUB_REPLY=$(printf '12:3456\t')
	run bash_complete "$STUB send --then=5s:KILL 12:3"
	assert_output '3456'
	run cat "$STUB_ARGS"
	assert_output "$(printf -- '--complete\nsend\n--then=5s:KILL\n12:3')"
}

@test "bash: :file completes file names, also after --opt=" {
	make_stub
	mkdir "$BATS_TEST_TMPDIR/d"
	touch "$BATS_TEST_TMPDIR/d/alpha.pid" "$BATS_TEST_TMPDIR/d/beta"
	STUB_REPLY=:file
	run bash_complete "$STUB wait --pidfile $BATS_TEST_TMPDIR/d/al"
	assert_success
	assert_output "$BATS_TEST_TMPDIR/d/alpha.pid"
	run bash_complete "$STUB wait --pidfile=$BATS_TEST_TMPDIR/d/"
	run sort <<<"$output"
	assert_output "$(printf '%s\n' "$BATS_TEST_TMPDIR/d/alpha.pid" "$BATS_TEST_TMPDIR/d/beta" | sort)"
}

@test "bash: :command completes command names" {
	make_stub
	touch "$BIN/zz-sigtool-test-cmd"
	chmod +x "$BIN/zz-sigtool-test-cmd"
	STUB_REPLY=:command
	run bash_complete "$STUB mask --block INT -- zz-sigtool-te"
	assert_success
	assert_output 'zz-sigtool-test-cmd'
}

@test "bash: the script is shellcheck-clean" {
	need shellcheck
	run shellcheck -s bash "$TOP_SRCDIR/completions/bash/sigtool"
	assert_success
	assert_output ''
}

# ---- fish -------------------------------------------------------------------

@test "fish: the script parses" {
	need fish
	run fish --no-config -n "$TOP_SRCDIR/completions/fish/sigtool.fish"
	assert_success
}

@test "fish: sigtool li<TAB> gives list, with its summary" {
	need fish
	run fish_complete 'sigtool li'
	assert_success
	assert_output "$(sigtool --list-verbs | grep '^list	')"
}

@test "fish: describe US<TAB> and us<TAB> give USR1 and USR2 with descriptions" {
	need fish
	run fish_complete 'sigtool describe US'
	assert_success
	assert_output "$(printf 'USR1\tUser defined signal 1\nUSR2\tUser defined signal 2')"
	run fish_complete 'sigtool describe us'
	assert_output "$(printf 'USR1\tUser defined signal 1\nUSR2\tUser defined signal 2')"
}

@test "fish: option values, and the binary of the command line" {
	need fish
	run fish_complete 'sigtool list --format=n'
	assert_success
	assert_output "$(printf -- '--format=names\n--format=numbers')"
	run fish_complete 'sigtool describe --status '
	assert_output ''
	run fish_complete 'sigtool send --then 5s:TE'
	assert_output "$(printf '5s:TERM\tTerminated')"
	run fish_complete 'sigtool pidfd-send --then=5s:us'
	assert_output "$(printf -- '--then=5s:USR1\tUser defined signal 1\n--then=5s:USR2\tUser defined signal 2')"
	make_stub
	STUB_REPLY=$(printf 'stubbed\tyes')
	run fish_complete "$STUB st"
	assert_output "$(printf 'stubbed\tyes')"
}

@test "fish: every long option of every verb for VERB --<TAB>" {
	need fish
	local verb
	for verb in $(sigtool --list-verbs | cut -f1); do
		run help_long_options "$verb"
		local expected=$output
		run fish_complete "sigtool $verb --"
		assert_success
		run sort -u <<<"$(cut -f1 <<<"${output//=/}")"
		assert_output "$expected"
	done
}

@test "fish: :file completes paths, also after --opt=" {
	need fish
	make_stub
	mkdir "$BATS_TEST_TMPDIR/d"
	touch "$BATS_TEST_TMPDIR/d/alpha.pid"
	STUB_REPLY=:file
	run fish_complete "$STUB wait --pidfile=$BATS_TEST_TMPDIR/d/al"
	assert_success
	assert_output "--pidfile=$BATS_TEST_TMPDIR/d/alpha.pid"
}

# ---- zsh --------------------------------------------------------------------

@test "zsh: the script parses" {
	need zsh
	run zsh -n "$TOP_SRCDIR/completions/zsh/_sigtool"
	assert_success
}

@test "zsh: sigtool li<TAB> gives list" {
	need zsh
	run zsh_complete 'sigtool li'
	assert_success
	assert_line --index 0 'list'
	assert_line --index 1 '~~'
	assert_line --index 2 --regexp '^list +-- list the valid signals'
	assert_line --index 3 '~~'
	assert_line --index 4 'sigtool list '
	[ "${#lines[@]}" -eq 5 ]
}

@test "zsh: describe us<TAB> gives USR1 and USR2 with descriptions" {
	need zsh
	run zsh_complete 'sigtool describe us'
	assert_success
	assert_output "$(printf '%s\n' USR1 USR2 '~~' \
		'USR1  -- User defined signal 1' 'USR2  -- User defined signal 2' \
		'~~' 'sigtool describe USR')"
}

@test "zsh: option values, separate and after '='" {
	need zsh
	run zsh_complete 'sigtool list --format '
	assert_success
	assert_output "$(printf '%s\n' table names numbers '~~' table names numbers \
		'~~' 'sigtool list --format ')"
	run zsh_complete 'sigtool list --format=n'
	assert_output "$(printf '%s\n' names numbers '~~' names numbers \
		'~~' 'sigtool list --format=n')"
	run zsh_complete 'sigtool list --format=na'
	assert_output "$(printf '%s\n' names '~~' names '~~' 'sigtool list --format=names ')"
	# no blank after the '=' of an option that takes a value
	run zsh_complete 'sigtool list --f'
	assert_output "$(printf '%s\n' '--format=' '~~' \
		'--format=  -- output a table, names only or numbers only' \
		'~~' 'sigtool list --format=')"
}

@test "zsh: send --then 5s:TE<TAB> completes the signal after the ':'" {
	need zsh
	run zsh_complete 'sigtool send --then 5s:TE'
	assert_success
	assert_output "$(printf '%s\n' TERM '~~' 'TERM  -- Terminated' \
		'~~' 'sigtool send --then 5s:TERM ')"
	run zsh_complete 'sigtool pidfd-send --then=5s:us'
	assert_output "$(printf '%s\n' USR1 USR2 '~~' \
		'USR1  -- User defined signal 1' 'USR2  -- User defined signal 2' \
		'~~' 'sigtool pidfd-send --then=5s:USR')"
}

@test "zsh: describe --status <TAB> offers nothing" {
	need zsh
	run zsh_complete 'sigtool describe --status '
	assert_success
	assert_output "$(printf '%s\n' '~~' '~~' 'sigtool describe --status ')"
}

@test "zsh: asks the sigtool of the command line; :file completes paths after --opt=" {
	need zsh
	make_stub
	mkdir "$BATS_TEST_TMPDIR/d"
	touch "$BATS_TEST_TMPDIR/d/alpha.pid"
	STUB_REPLY=:file
	run zsh_complete "$STUB wait --pidfile=$BATS_TEST_TMPDIR/d/al"
	assert_success
	assert_line --index 0 'alpha.pid'
	assert_output --partial "$(printf '~~\n%s' "$STUB wait --pidfile=$BATS_TEST_TMPDIR/d/alpha.pid ")"
	run cat "$STUB_ARGS"
	assert_output "$(printf -- '--complete\nwait\n--pidfile=%s' "$BATS_TEST_TMPDIR/d/al")"
}
