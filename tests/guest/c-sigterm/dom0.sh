# dom0 side of c-sigterm and c-sigterm-grace: xl shutdown once the program
# waits, then the domain must stop by itself.
. ./dom0lib.sh
wait_console 'c-sigterm: ' 30 || exit 1
sleep 1
start=$(date +%s)
xl shutdown "$DOMNAME" && echo "xl shutdown: sent"
wait_stopped 30 || exit 1
echo "stopped after $(($(date +%s) - start)) s"
