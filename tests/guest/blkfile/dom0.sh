# dom0's side of blkfile: xvdb's hash before the guest reads it; once the
# guest said it is done and has stopped, xvda's backing file against the
# pattern (tools/testhost/helpers/pattern.c), computed here.
. ./dom0lib.sh
echo "disk2 sha256 $(sha256sum disk2.img | cut -d' ' -f1)"
wait_key data/blkfile-done 100 > /dev/null || exit 1
wait_stopped 30 || exit 1
a=$(sha256sum disk1.img | cut -d' ' -f1)
b=$(pattern 7 67108864 | sha256sum | cut -d' ' -f1)
echo "disk1 sha256 $a"
echo "pattern sha256 $b"
[ "$a" = "$b" ] && echo "disk1: the pattern, byte for byte"
rm -f disk1.img disk2.img disk3.img
