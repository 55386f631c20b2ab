# Poke the watched key once the guest is waiting for it.
. ./xs-dom0.sh
wait_key "$P/data/ready" > /dev/null || exit 1
tok="poked-$$"
xenstore-write "$P/data/poke" "$tok" || exit 1
echo "dom0 poked: $tok"
