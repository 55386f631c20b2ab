# dom0 side of go-balloon: halve the domain with xl mem-set and give the
# memory back while the Go program works; xl list and the program's view
# (/proc/meminfo) must follow; xl shutdown ends it.
. ./dom0lib.sh
rc=0
wait_console 'go-balloon: ready' 60 || exit 1
echo "start: xl list shows $(xl_mem) MiB"
mem_set_wait 64 || rc=1
wait_console 'go-balloon: MemTotal 65536 kB' 20 && echo "the program sees 65536 kB" || rc=1
sleep 3
mem_set_wait 128 || rc=1
wait_console 'go-balloon: MemTotal 131072 kB' 20 && echo "the program sees 131072 kB" || rc=1
sleep 2
xl shutdown "$DOMNAME" && echo "xl shutdown: sent"
wait_stopped 60 || rc=1
exit $rc
