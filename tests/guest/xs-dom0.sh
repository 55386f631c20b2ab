# shellcheck shell=sh
# Helpers for the xenstore tests' dom0.sh (busybox sh in dom0), listed in
# each test's `files` and sourced as ./xs-dom0.sh. DOMID is the guest's.
P=/local/domain/$DOMID

# Print the value at path once it is non-empty; fail after about 20 s.
wait_key() { # path
	i=0
	while [ $i -lt 200 ]; do
		v=$(xenstore-read "$1" 2> /dev/null) && [ -n "$v" ] && {
			echo "$v"
			return 0
		}
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for $1" >&2
	return 1
}

# Wait until the value at path is empty (the guest took the request).
wait_empty() { # path
	i=0
	while [ $i -lt 200 ]; do
		[ -z "$(xenstore-read "$1" 2> /dev/null)" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for $1 to be cleared" >&2
	return 1
}
