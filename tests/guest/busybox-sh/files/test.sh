# Run by busybox sh in tests/guest/busybox-sh: builtins only (an external
# command would need fork).
echo "bb: hello from $0"
i=0
while [ "$i" -lt 3 ]; do i=$((i + 1)); echo "bb: loop $i"; done
read -r line < /etc/motd && echo "bb: read: $line"
case "$line" in *busybox*) echo "bb: case ok" ;; *) echo "bb: case FAIL" ;; esac
f() { echo "bb: function got $# args: $*"; }
f a 'b c' d
set -- x y z && echo "bb: positional $2"
printf 'bb: printf %05d %s\n' 42 done
got=no
trap 'got=yes' USR1
kill -USR1 $$
echo "bb: trap ran: $got"
exit 7
