#!/usr/bin/env bats
# describe.bats - `sigtool describe` (alias strsignal): what each signal is
# and does, and the decoding of shell exit statuses.

load helpers
bats_require_minimum_version 1.5.0

@test "describe TERM: description, aliases, default action, rules" {
	run --separate-stderr sigtool describe TERM
	assert_success
	assert_equal "$stderr" ""
	assert_output "TERM (15): Terminated
  aliases:        none
  default action: Term (terminate the process)
  can be caught:  yes
  can be blocked: yes
  can be ignored: yes"
}

@test "KILL and STOP cannot be caught, blocked or ignored, with a note" {
	run sigtool describe KILL
	assert_success
	assert_line --index 0 "KILL (9): Killed"
	assert_line "  can be caught:  no"
	assert_line "  can be blocked: no"
	assert_line "  can be ignored: no"
	assert_line --regexp '^  note: +cannot be caught, blocked or ignored'
	run sigtool describe sigstop
	assert_line --index 0 "STOP (19): Stopped (signal)"
	assert_line "  default action: Stop (stop the process)"
	assert_line "  can be caught:  no"
}

@test "CHLD's default is to ignore; PIPE has its note" {
	run sigtool describe CHLD
	assert_line --index 0 "CHLD (17): Child exited"
	assert_line "  aliases:        CLD"
	assert_line "  default action: Ign (ignore the signal)"
	assert_line --regexp '^  note: +default is to ignore'
	run sigtool describe PIPE
	assert_line --regexp '^  note: +sent on a write to a pipe or socket with no reader'
}

@test "aliases resolve to the canonical name" {
	run sigtool describe iot
	assert_line --index 0 "ABRT (6): Aborted"
	assert_line "  aliases:        IOT"
	run sigtool describe SIGPOLL
	assert_line --index 0 "IO (29): I/O possible"
	assert_line "  aliases:        POLL"
}

@test "real-time signals: RTMIN+n name and queueing note" {
	run sigtool describe rtmin+1 50
	assert_success
	assert_line --index 0 "RTMIN+1 (35): Real-time signal 1"
	assert_line "RTMAX-14 (50): Real-time signal 16"
	assert_line --regexp '^  note: +real-time: queued, never merged'
}

@test "several signals are separated by a blank line; strsignal is the same verb" {
	run sigtool strsignal 1 2
	assert_success
	assert_line --index 0 "HUP (1): Hangup"
	assert_output --partial $'  can be ignored: yes\n\nINT (2): Interrupt\n'
	assert_equal "${#lines[@]}" 12
}

@test "--json: one object per signal with the shared field names" {
	run bash -c '"$SIGTOOL" describe --json TERM KILL chld | jq -c ".[]"'
	assert_success
	assert_output '{"signo":15,"name":"TERM","description":"Terminated","default_action":"Term","aliases":[],"catchable":true,"blockable":true,"ignorable":true,"note":null}
{"signo":9,"name":"KILL","description":"Killed","default_action":"Term","aliases":[],"catchable":false,"blockable":false,"ignorable":false,"note":"cannot be caught, blocked or ignored; always ends the process (except a PID-namespace init, from inside its namespace)"}
{"signo":17,"name":"CHLD","description":"Child exited","default_action":"Ign","aliases":["CLD"],"catchable":true,"blockable":true,"ignorable":true,"note":"default is to ignore; setting it to SIG_IGN explicitly also makes children reap themselves"}'
}

@test "--status decodes every range of shell exit statuses" {
	run sigtool describe --status 0 1 124 125 126 127 128 130 143 160 192 193 255 256 1000
	assert_success
	assert_output "0: success
1: exited with status 1 (failure)
124: exited with status 124; by convention a time limit expired (timeout, sigtool)
125: exited with status 125; by convention the tool failed before running COMMAND (timeout, env, sigtool)
126: command found but not executable (or it exited with 126)
127: command not found (or it exited with 127)
128: exited with status 128 (128+0 is not a signal)
130: killed by signal 2, INT (Interrupt), or it exited with 130
     often Ctrl-C typed at a terminal
143: killed by signal 15, TERM (Terminated), or it exited with 143
     often a request to stop: a service manager (systemctl stop, docker stop) or kill's default signal
160: exited with status 160 (128+32 is not a signal)
192: killed by signal 64, RTMAX (Real-time signal 30), or it exited with 192
193: exited with status 193 (128+65 is not a signal)
255: exited with status 255 (128+127 is not a signal)
256: not an exit status: they range from 0 to 255; exit(256) is seen as 0
1000: not an exit status: they range from 0 to 255; exit(1000) is seen as 232"
}

# killed_status SIG: the shell's $? for a sleep this test started and
# killed with SIG (signalled once it is sleep, exec'd, not the forked shell).
killed_status() {
	local pid st=0
	sleep 100 &
	pid=$!
	until [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ]; do :; done
	kill -"$1" "$pid"
	wait "$pid" || st=$?
	echo "$st"
}

@test "--status on the real \$? of a process killed by a signal" {
	st=$(killed_status USR1)
	run sigtool describe -s "$st"
	assert_success
	assert_output "138: killed by signal 10, USR1 (User defined signal 1), or it exited with 138"
}

@test "--status --json: status, kind, signo, name, description, text" {
	run bash -c '"$SIGTOOL" describe --status --json 143 0 127 | jq -c ".[] | [.status, .kind, .signo, .name, .description]"'
	assert_success
	assert_output '[143,"signal",15,"TERM","Terminated"]
[0,"success",null,null,null]
[127,"not-found",null,null,null]'
}

@test "--status: the usual cause of a death by HUP, INT, ABRT, KILL, SEGV, PIPE, TERM, on a line under the text" {
	run --separate-stderr sigtool describe --status 129 130 134 137 139 141 143
	assert_success
	assert_equal "$stderr" ""
	assert_output "129: killed by signal 1, HUP (Hangup), or it exited with 129
     often its terminal went away: a closed terminal window or a dropped SSH connection
130: killed by signal 2, INT (Interrupt), or it exited with 130
     often Ctrl-C typed at a terminal
134: killed by signal 6, ABRT (Aborted), or it exited with 134
     often abort(): a failed assert() or a fatal error found by a library (e.g. glibc's heap checks)
137: killed by signal 9, KILL (Killed), or it exited with 137
     often the OOM killer, when memory ran out: see 'dmesg' or 'journalctl -k'
139: killed by signal 11, SEGV (Segmentation fault), or it exited with 139
     often a bug: an invalid memory access (segmentation fault)
141: killed by signal 13, PIPE (Broken pipe), or it exited with 141
     often a closed pipe: it wrote after its reader had gone (e.g. the reader of '| head')
143: killed by signal 15, TERM (Terminated), or it exited with 143
     often a request to stop: a service manager (systemctl stop, docker stop) or kill's default signal"
}

@test "--status: no cause for other statuses, deaths by other signals included" {
	run sigtool describe --status 0 1 2 124 125 126 127 128 131 135 138 142 160 192 255 256 393
	assert_success
	# one line each: no cause line under any of them
	assert_equal "${#lines[@]}" 17
	refute_output --partial often
}

@test "--status: the real \$? of a 'sleep | head' writer, and of a process killed by KILL" {
	# yes writes until head has gone: its death by PIPE is the case the cause names
	st=$(bash -c 'yes | head -1 >/dev/null; echo "${PIPESTATUS[0]}"')
	assert_equal "$st" 141
	run sigtool describe --status "$st"
	assert_line --index 1 --partial "often a closed pipe"
	st=$(killed_status KILL)
	run sigtool describe -s "$st"
	assert_line --index 0 "137: killed by signal 9, KILL (Killed), or it exited with 137"
	assert_line --index 1 "     often the OOM killer, when memory ran out: see 'dmesg' or 'journalctl -k'"
}

@test "--status --json: 'cause' for those seven, never translated, absent for every other status" {
	run bash -c '"$SIGTOOL" describe --status --json 129 130 134 137 139 141 143 | jq -c "[.[] | [.status, .cause]]"'
	assert_success
	assert_output '[[129,"hangup"],[130,"interrupt"],[134,"abort"],[137,"oom-killer"],[139,"segfault"],[141,"closed-pipe"],[143,"terminated"]]'
	run bash -c '"$SIGTOOL" describe --status --json 0 1 2 126 127 138 160 300 | jq -c "[.[] | has(\"cause\")] | unique"'
	assert_success
	assert_output '[false]'
	# the other keys are as they were, "cause" last
	run bash -c '"$SIGTOOL" describe --status --json 137 | jq -c ".[0] | keys_unsorted"'
	assert_output '["status","kind","signo","name","description","text","cause"]'
	run bash -c 'LANGUAGE=ko LC_ALL=C.UTF-8 "$SIGTOOL" describe --status --json 137 | jq -r ".[0].cause"'
	assert_output oom-killer
}

@test "on a terminal, notes and --status lines wrap at 80 columns under the value, every word kept" {
	run on_pty sigtool describe KILL
	assert_success
	[ "$(widest <<< "$output")" -le 80 ]
	assert_line "  note:           cannot be caught, blocked or ignored; always ends the process"
	assert_line "                  (except a PID-namespace init, from inside its namespace)"
	wrapped=$output
	run sigtool describe KILL
	assert_equal "$(words <<< "$wrapped")" "$(words <<< "$output")"

	run on_pty sigtool describe --status 134 141 143 1
	assert_success
	assert_output "134: killed by signal 6, ABRT (Aborted), or it exited with 134
     often abort(): a failed assert() or a fatal error found by a library (e.g.
     glibc's heap checks)
141: killed by signal 13, PIPE (Broken pipe), or it exited with 141
     often a closed pipe: it wrote after its reader had gone (e.g. the reader of
     '| head')
143: killed by signal 15, TERM (Terminated), or it exited with 143
     often a request to stop: a service manager (systemctl stop, docker stop) or
     kill's default signal
1: exited with status 1 (failure)"
}

@test "a narrower terminal: its width (stty cols), and COLUMNS first, as ls reads it" {
	run on_pty --cols 50 sigtool describe KILL rtmin
	assert_success
	[ "$(widest <<< "$output")" -le 50 ]
	assert_line "                  from inside its namespace)"
	assert_line "                  delivered lowest number first"
	wrapped=$output
	run sigtool describe KILL rtmin
	assert_equal "$(words <<< "$wrapped")" "$(words <<< "$output")"

	run on_pty --cols 50 COLUMNS=40 sigtool describe --status 137
	assert_success
	assert_output "137: killed by signal 9, KILL (Killed),
     or it exited with 137
     often the OOM killer, when memory
     ran out: see 'dmesg' or 'journalctl
     -k'"
	# a wider terminal still wraps at 80
	run on_pty --cols 200 sigtool describe KILL
	assert_line "                  (except a PID-namespace init, from inside its namespace)"
	# however narrow the terminal, a value keeps 20 columns, words whole
	run on_pty COLUMNS=10 sigtool describe KILL
	assert_line "  note:           cannot be caught,"
	assert_line "                  namespace)"
	[ "$(grep -E '^(  note:| {18})' <<< "$output" | widest)" -le 38 ]
}

@test "not a terminal: each note stays on one line, whatever COLUMNS says" {
	run env COLUMNS=30 "$SIGTOOL" describe KILL
	assert_success
	assert_line "  note:           cannot be caught, blocked or ignored; always ends the process (except a PID-namespace init, from inside its namespace)"
	run env COLUMNS=30 "$SIGTOOL" describe --status 143
	assert_output "143: killed by signal 15, TERM (Terminated), or it exited with 143
     often a request to stop: a service manager (systemctl stop, docker stop) or kill's default signal"
}

@test "bad input: status 2, the bad word named, nothing on stdout" {
	run --separate-stderr sigtool describe
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "${stderr%%$'\n'*}" "sigtool: describe: missing signal"

	run --separate-stderr sigtool describe TERM TREM
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: describe: unknown signal 'TREM' (did you mean TERM?)
Try 'sigtool describe --help' for more information."

	run --separate-stderr sigtool describe 0
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: describe: '0' is not a valid signal number (1-31, 34-64)"

	run --separate-stderr sigtool describe --status
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: describe: missing exit status"

	for bad in -1 abc 1.5 '' 0x10 99999999999; do
		run --separate-stderr sigtool describe --status 0 "$bad"
		assert_failure 2
		assert_equal "$output" ""
		assert_equal "$(sed -n 2p <<< "$stderr")" "Try 'sigtool describe --help' for more information."
	done
	run --separate-stderr sigtool describe --status abc
	assert_equal "${stderr%%$'\n'*}" "sigtool: describe: invalid exit status 'abc'"
	run --separate-stderr sigtool describe --status 99999999999
	assert_equal "${stderr%%$'\n'*}" "sigtool: describe: exit status '99999999999' is out of range (0 to 2147483647)"
}

@test "a bad option inside a group of short options is named, not the group" {
	run --separate-stderr sigtool describe --json -xy
	assert_failure 2
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: describe: invalid option -- 'x'
Try 'sigtool describe --help' for more information."
}
