# dom0's half of the gnttab test (see main.c): map the guest's grants with
# gntmap, compare the read-only page with the pattern computed here, write
# into the read-write one, and pace the guest through xenstore keys.
dir=/local/domain/$DOMID/data

. ./dom0lib.sh

verdict=ok
bad() {
	echo "FAIL: $*"
	verdict="fail: $*"
}

wait_key data/gnt-ready > /dev/null || exit 1
ro=$(xenstore-read "$dir/gnt-ref-ro")
rw=$(xenstore-read "$dir/gnt-ref-rw")
echo "guest granted ro=$ro rw=$rw"

if gntmap -w x -o try.bin "$DOMID" "$ro"; then
	bad "the read-only grant was mapped writable"
else
	echo "writable map of the read-only grant refused"
fi

gntmap -o ro.bin -u release "$DOMID" "$ro" &
pro=$!
gntmap -w "hello from dom0" -o rw.bin -u release "$DOMID" "$rw" &
prw=$!
wait_file ro.bin && wait_file rw.bin || bad "gntmap did not map the grants"

# The page the guest should have filled: 256 lines of "DOMID-LINE\n".
i=0
while [ $i -lt 256 ]; do
	printf '%05d-%09d\n' "$DOMID" $i
	i=$((i + 1))
done > expect.bin
if cmp expect.bin ro.bin; then
	echo "page content matches ($(md5sum < ro.bin | cut -c1-32))"
else
	bad "page content differs"
fi

xenstore-write "$dir/gnt-verdict" "$verdict"
xenstore-write "$dir/gnt-mapped" 1
wait_key data/gnt-tried > /dev/null
touch release
wait $pro || bad "gntmap of the read-only grant failed"
wait $prw || bad "gntmap of the read-write grant failed"
xenstore-write "$dir/gnt-unmapped" 1
echo "dom0 done: $verdict"
[ "$verdict" = ok ]
