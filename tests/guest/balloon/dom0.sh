# dom0 side of balloon: xl mem-set down by half, up again, beyond the
# boot size (maxmem 96), three targets in quick succession, far below
# what the app holds (refused: the guest says so and runs on), back,
# then a junk target and one far above what Xen allows. For each target
# it can reach, xl list's Mem column must get there within 1 MiB in
# 40 s, and the guest's own count (data/held-kib) must agree.
. ./dom0lib.sh
rc=0
wait_key data/ready 60 > /dev/null || exit 1

state() { xl list "$DOMNAME" 2> /dev/null | awk 'NR == 2 { print $5 }'; }
near() { [ -n "$1" ] && [ $(($1 - $2)) -le 1 ] && [ $(($2 - $1)) -le 1 ]; }

# xl mem-set MiB, then wait until xl list and the guest both show it.
reach() { # mib
	mem_set_wait "$1" || return 1
	_n=0
	until [ "$(xenstore-read "$(guest_path)/data/held-kib" 2> /dev/null)" = $(($1 * 1024)) ]; do
		_n=$((_n + 1))
		[ $_n -lt 100 ] || { echo "mem-set ${1}m: the guest says it holds $(xenstore-read "$(guest_path)/data/held-kib") KiB"; return 1; }
		sleep 0.1
	done
	echo "mem-set ${1}m: the guest holds $(($1 * 1024)) KiB"
}

echo "start: xl list shows $(xl_mem) MiB"
reach 32 || rc=1
sleep 2
reach 64 || rc=1
sleep 2
reach 96 || rc=1
sleep 2
# Targets in quick succession: the guest ends at the last one.
xl mem-set "$DOMNAME" 40m && xl mem-set "$DOMNAME" 80m || rc=1
reach 48 || rc=1
xl mem-set "$DOMNAME" 8m || { echo "xl mem-set 8m failed"; rc=1; }
wait_console 'balloon: target 8192 KiB is below what is in use' 40 || rc=1
sleep 3
m=$(xl_mem)
s=$(state)
h=$(xenstore-read "$(guest_path)/data/held-kib")
echo "refused: xl list shows state $s, $m MiB; the guest holds $h KiB"
# Above the target by at least the reserve (2 MiB), below the 32 MiB
# the app and kernel could ever use.
[ -n "$m" ] && [ "$m" -ge 10 ] && [ "$m" -lt 40 ] && echo "refused: holding between 10 and 40 MiB" ||
	{ echo "refused: xl list shows $m MiB"; rc=1; }
near "$m" $((h / 1024)) && echo "refused: xl list and the guest agree" ||
	{ echo "refused: xl list and the guest disagree"; rc=1; }
# r, b or all dashes (runnable, waiting for a CPU); not shut down,
# crashed, dying or paused.
case "$s" in *[scdp]* | '') echo "refused: the guest is not running"; rc=1 ;; *) echo "refused: the guest runs on" ;; esac
reach 64 || rc=1
# Targets written past libxl: junk is ignored; 1 GiB is far above what
# Xen lets the domain have (xl mem-set 64m made its maximum 65 MiB): the
# guest takes what Xen gives, says so and runs on.
xenstore-write "$(guest_path)/memory/target" 12junk
wait_console "balloon: ignoring memory/target '12junk'" 20 && echo "junk target: ignored" || rc=1
xenstore-write "$(guest_path)/memory/target" 1048576
wait_console 'balloon: target 1048576 KiB not reached' 30 && echo "1 GiB target: not reached" || rc=1
m=$(xl_mem)
[ -n "$m" ] && [ "$m" -ge 64 ] && [ "$m" -le 66 ] && echo "1 GiB target: holding 64 to 66 MiB" ||
	{ echo "1 GiB target: xl list shows $m MiB"; rc=1; }
reach 64 || rc=1
sleep 2
xenstore-write "$(guest_path)/data/done" 1
wait_stopped 60 || rc=1
exit $rc
