# shellcheck shell=sh
# Save and restore, in dom0: the same go-httpd ELF on Skiff (fresh copies
# of this job's guest) and on a Debian Linux PV domU (linux.cfg, from
# job.sh), both at 128 MiB, and Skiff at 64 MiB too:
#   go_save_ms, go_restore_ms  xl save of a serving domain to a file, and
#                    xl restore of it;
#   go_saverestore_ms  from the start of the save to the first good
#                    response after the restore (a client polling every
#                    10 ms: what a client sees as downtime);
# a fresh domain each time, best of SAVES. The job's own guest is paused
# meanwhile and stopped with /exit at the end. xl migrate cannot be
# measured on the test host (its Xen has no shadow paging: docs/
# saverestore.md), for Linux neither.
. ./dom0lib.sh
SAVES=3
SKIFF_IP=169.254.31.2
PROBE_IP=169.254.31.3 # the Skiff copies
LINUX_IP=169.254.31.10
PROBE_MAC=00:16:3e:5c:1f:03
LINUX_MAC=00:16:3e:5c:1f:0a
rc=0
. ./go-dom0lib.sh

# xl save and xl restore of a fresh NAME (mkcfg) serving at IP: "save
# restore total" milliseconds appended to FILE; nothing on failure.
save_round() { # name ip file
	create "$1" || return 1
	if httpget -w 120 -a 0.5 -t 20 -n 20 "$2" 80 / > /dev/null; then
		t0=$(ms)
		xl save "$1" /tmp/bench.save > /tmp/bench.savelog 2>&1 || cat /tmp/bench.savelog
		t1=$(ms)
		xl restore /tmp/bench.save > /tmp/bench.savelog 2>&1 || cat /tmp/bench.savelog
		t2=$(ms)
		httpget -w 60 -a 0.01 -t 10 "$2" 80 / > /dev/null &&
			echo "$((t1 - t0)) $((t2 - t1)) $(($(ms) - t0))" >> "$3"
	fi
	rm -f /tmp/bench.save
	gone "$1"
}

save_report() { # name file [suffix]
	echo "$1 save, restore, total (ms): $(tr '\n' ',' < "$2")"
	for f in 1:save 2:restore 3:saverestore; do
		v=$(cut -d' ' -f"${f%%:*}" "$2" | best min)
		[ "${f#*:}" = saverestore ] || [ -z "${3:-}" ] &&
			echo "BENCH ${1}_go_${f#*:}${3:-}_ms ${v:-0} ms"
		[ -n "$v" ] || rc=1
	done
}

saverestore() {
	mkcfg guest.cfg gosave 128 $PROBE_MAC
	mkcfg linux.cfg golinuxsave 128 $LINUX_MAC
	rm -f /tmp/go.save.skiff /tmp/go.save.linux /tmp/go.save.skiff64
	n=0
	while [ $n -lt $SAVES ]; do
		save_round gosave $PROBE_IP /tmp/go.save.skiff
		save_round golinuxsave $LINUX_IP /tmp/go.save.linux
		n=$((n + 1))
	done
	mkcfg guest.cfg gosave64 64 $PROBE_MAC
	n=0
	while [ $n -lt $SAVES ]; do
		save_round gosave64 $PROBE_IP /tmp/go.save.skiff64
		n=$((n + 1))
	done
	save_report skiff /tmp/go.save.skiff
	save_report linux /tmp/go.save.linux
	save_report skiff /tmp/go.save.skiff64 64
}

httpget -w 60 -n 20 $SKIFF_IP 80 / > /dev/null || rc=1
xl pause "$DOMNAME"
saverestore
xl unpause "$DOMNAME"
wget -q -O - "http://$SKIFF_IP/exit" | grep -qx bye || rc=1
wait_stopped 30 || rc=1
exit $rc
