# dom0's side of saverestore-gosleep: xl save and, 2 s later, xl restore
# while the program sleeps; it then exits by itself.
. ./dom0lib.sh
wait_console '^gosleep: ready' 60 || exit 1
sleep 1
xl save "$DOMNAME" /tmp/gs.save > save.log 2>&1
echo "xl save: $?"
sleep 2
xl restore /tmp/gs.save > restore.log 2>&1
echo "xl restore: $?"
rm -f /tmp/gs.save
wait_stopped 60
