# dom0's side of blkfile: xvdb's hash before the guest reads it; once the
# guest said it is done and has stopped, xvda's backing file against the
# pattern (tools/testhost/helpers/pattern.c), computed here.
. ./dom0lib.sh
echo "disk2 sha256 $(sha256sum disk2.img | cut -d' ' -f1)"
wait_key data/blkfile-done 300 > /dev/null || exit 1
# The domain is preserved when it stops: wait for xl's state to say so.
n=0
until xl list "$DOMNAME" 2> /dev/null | awk 'NR == 2 { exit $5 !~ /s/ }'; do
	n=$((n + 1))
	[ $n -lt 300 ] || { echo "the guest never stopped"; exit 1; }
	sleep 0.1
done
a=$(sha256sum disk1.img | cut -d' ' -f1)
b=$(pattern 7 67108864 | sha256sum | cut -d' ' -f1)
echo "disk1 sha256 $a"
echo "pattern sha256 $b"
[ "$a" = "$b" ] && echo "disk1: the pattern, byte for byte"
rm -f disk1.img disk2.img disk3.img
