# shellcheck shell=sh
# dom0's side of c-oom: once the program has used up the memory and says
# it serves, the kernel must still answer: ping, a xenstore write (the
# control thread logs control/sysrq), and the program's new TCP
# listener, which reads the disk; then "free" lets it go on.
. ./dom0lib.sh
ip=169.254.11.7
rc=0
ask() { echo "$1" | nc -w 10 "$ip" 7; }
wait_console '^c-oom: full, serving' 120 || exit 1
ping -c 3 -W 5 "$ip" > /dev/null && echo "ping while full: ok" || rc=1
xenstore-write "$(guest_path)/control/sysrq" x
wait_console "sysrq 'x'" 30 && echo "xenstore while full: ok" || rc=1
echo "pong: $(ask ping)"
want=$(sha256sum disk.img | cut -d' ' -f1)
got=$(ask disk)
echo "guest: $got, dom0: disk $want"
[ "$got" = "disk $want" ] && echo "disk while full: ok" || rc=1
echo "free: $(ask free)"
wait_stopped 60 || rc=1
exit $rc
