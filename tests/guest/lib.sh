# shellcheck shell=bash
# Helpers for a guest test's check.sh, sourced by tests/guest/run.sh in a
# subshell whose working directory is the test's result directory
# (console.log, state, exit-code, dom0.log, dom0.rc, times, xl.log).
# Each expect_* records a failure with a clear message and carries on, so
# one run reports everything that is wrong. Set by run.sh:
#   TEST      the test's name           RESULT   its result directory
#   TESTDIR   its source folder         FAILURES the file failures go to
# The console is matched line by line with its carriage returns removed,
# so '$' anchors work on "\r\n" output.

# Record a failure.
fail() { # message
	echo "$*" >> "$FAILURES"
}

# The console output without carriage returns (made once).
console_text() {
	[ -f "$RESULT/.console.txt" ] || tr -d '\r' < "$RESULT/console.log" > "$RESULT/.console.txt" 2> /dev/null
	cat "$RESULT/.console.txt" 2> /dev/null
}

# The first line of console output that a sed -E script prints, e.g.
#   pages=$(console_field 's/^touched ([0-9]+) pages.*/\1/p')
console_field() { # sed-script
	console_text | sed -En "$1" | head -n 1
}

_read_result() { # file
	[ -f "$RESULT/$1" ] && tr -d '\r\n' < "$RESULT/$1"
}

expect_state() { # poweroff|reboot|crash|timeout|error
	local got
	got=$(_read_result state)
	[ "$got" = "$1" ] || fail "state: expected $1, got ${got:-nothing}"
}

expect_exit_code() { # number
	local got
	got=$(_read_result exit-code)
	[ "$got" = "$1" ] || fail "exit code: expected $1, got ${got:-none (no data/exit-code in xenstore)}"
}

expect_console() { # extended regex
	console_text | grep -Eq -- "$1" || fail "console: no line matches '$1'"
}

expect_no_console() { # extended regex
	local line
	line=$(console_text | grep -Em1 -- "$1") &&
		fail "console: unexpected line matching '$1': $line"
	return 0
}

expect_dom0_rc() { # number
	local got
	if [ ! -f "$RESULT/dom0.rc" ]; then
		fail "dom0.sh: no exit status (did it run? is there a dom0.sh?)"
		return 0
	fi
	got=$(_read_result dom0.rc)
	[ "$got" = "$1" ] || fail "dom0.sh: expected exit status $1, got ${got:-nothing}"
}

expect_dom0_log() { # extended regex
	tr -d '\r' < "$RESULT/dom0.log" 2> /dev/null | grep -Eq -- "$1" ||
		fail "dom0.log: no line matches '$1'"
}
