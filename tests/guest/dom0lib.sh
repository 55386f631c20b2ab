# shellcheck shell=sh
# Helpers for a test's dom0.sh (busybox sh in the test host's dom0). The
# runner copies this file next to dom0.sh; use it with ". ./dom0lib.sh".
# DOMID and DOMNAME are set by the test host.

# The guest's own xenstore directory.
guest_path() {
	echo "/local/domain/$DOMID"
}

# Wait until the guest has written KEY (relative to its directory), for at
# most SECONDS (default 30). Prints its value; fails with a message if it
# never appears.
wait_key() { # key [seconds]
	_wk_n=$((${2:-30} * 10))
	while [ "$_wk_n" -gt 0 ]; do
		xenstore-read "$(guest_path)/$1" 2> /dev/null && return 0
		_wk_n=$((_wk_n - 1))
		sleep 0.1
	done
	echo "the guest never wrote $1 (waited ${2:-30} s)" >&2
	return 1
}

# Wait until FILE exists, for at most SECONDS (default 10).
wait_file() { # path [seconds]
	_wf_n=$((${2:-10} * 10))
	until [ -e "$1" ]; do
		_wf_n=$((_wf_n - 1))
		[ "$_wf_n" -gt 0 ] || { echo "no $1 after ${2:-10} s" >&2; return 1; }
		sleep 0.1
	done
}

# Wait until a line of the guest's console log matches the grep PATTERN,
# for at most SECONDS (default 10); fails with a message if none does.
wait_console() { # pattern [seconds]
	_wc_n=$((${2:-10} * 10))
	until grep -q "$1" "/var/log/xen/console/guest-$DOMNAME.log" 2> /dev/null; do
		_wc_n=$((_wc_n - 1))
		[ "$_wc_n" -gt 0 ] || { echo "no console line '$1' after ${2:-10} s" >&2; return 1; }
		sleep 0.1
	done
}

# Wait until the guest has stopped (the test host preserves a stopped
# domain: xl list shows state s), for at most SECONDS (default 60); fails
# with a message if it never does.
wait_stopped() { # [seconds]
	_ws_n=$((${1:-60} * 10))
	until xl list "$DOMNAME" 2> /dev/null | awk 'NR == 2 { exit $5 ~ /s/ ? 0 : 1 }'; do
		_ws_n=$((_ws_n - 1))
		[ "$_ws_n" -gt 0 ] || { echo "the guest never stopped (waited ${1:-60} s)" >&2; return 1; }
		sleep 0.1
	done
}

# Connect to HOST's PORT and hang up at once, as a guest's "end now"
# signal, without waiting on nc once the guest is gone (at most 3 s).
poke_port() { # host port
	nc "$1" "$2" < /dev/null > /dev/null 2>&1 &
	_pp_pid=$!
	sleep 3
	kill $_pp_pid 2> /dev/null
	wait $_pp_pid 2> /dev/null
	return 0
}

# e2fsck OPTS on IMAGE, its output printed with "LABEL: " before each
# line, then "LABEL exit N"; returns N (0: clean, 1: fixed something).
e2fsck_report() { # image opts label
	e2fsck $2 "$1" > e2fsck.log 2>&1
	_ef_st=$?
	sed "s/^/$3: /" e2fsck.log
	echo "$3 exit $_ef_st"
	return $_ef_st
}

# xl list's Mem column (MiB) for the guest.
xl_mem() {
	xl list "$DOMNAME" 2> /dev/null | awk 'NR == 2 { print $3 }'
}

# xl mem-set MIB, then wait until xl list's Mem is within 1 MiB of it,
# for at most SECONDS (default 40). Prints "mem-set Nm: xl list shows M
# MiB", or a line saying what it showed when time ran out.
mem_set_wait() { # mib [seconds]
	xl mem-set "$DOMNAME" "${1}m" || { echo "xl mem-set ${1}m failed"; return 1; }
	_ms_n=$((${2:-40} * 10))
	until _ms_m=$(xl_mem) && [ -n "$_ms_m" ] &&
		[ $((_ms_m - $1)) -le 1 ] && [ $(($1 - _ms_m)) -le 1 ]; do
		_ms_n=$((_ms_n - 1))
		[ "$_ms_n" -gt 0 ] || { echo "mem-set ${1}m: xl list still shows $(xl_mem) MiB after ${2:-40} s"; return 1; }
		sleep 0.1
	done
	echo "mem-set ${1}m: xl list shows $_ms_m MiB"
}
