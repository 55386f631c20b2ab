# Change the counter under the guest's open transaction; read the result.
. ./xs-dom0.sh
wait_key "$P/data/tx-ready" > /dev/null || exit 1
xenstore-write "$P/data/counter" 100 || exit 1
xenstore-write "$P/data/dom0-changed" 1 || exit 1
echo "dom0 set counter 100"
wait_key "$P/data/done" > /dev/null || exit 1
echo "final counter $(xenstore-read "$P/data/counter")"
