# dom0's side of blkraw: the hash of xvda's data (the guest must read the
# same), then, once the guest says it is done (it flushed xvdb first),
# the hash of xvdb's backing file, which must be xvda's too.
. ./dom0lib.sh
echo "disk1 sha256 $(sha256sum disk1.img | cut -d' ' -f1)"
wait_key data/blkraw-done 240 > /dev/null || exit 1
echo "disk2 sha256 $(sha256sum disk2.img | cut -d' ' -f1)"
echo "dom0 ok"
rm -f disk1.img disk2.img disk3.img # freed when the domain goes
