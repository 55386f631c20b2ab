# The guest's writes seen from dom0; then a value for it to read.
. ./xs-dom0.sh
echo "domid $DOMID"
wait_key "$P/data/ready" > /dev/null || exit 1
echo "guest wrote: $(xenstore-read "$P/data/guest-wrote")"
xenstore-ls -p "$P/data" | grep perm-test
tok="dom0-value-$$"
xenstore-write "$P/data/from-dom0" "$tok" || exit 1
echo "dom0 wrote: $tok"
