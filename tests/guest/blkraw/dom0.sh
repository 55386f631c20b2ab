# dom0's side of blkraw: the hash of xvda's data (the guest must read the
# same), then, once the guest says it is done (it flushed xvdb first),
# the hash of xvdb's backing file, which must be xvda's too.
. ./dom0lib.sh
echo "disk1 sha256 $(sha256sum disk1.img | cut -d' ' -f1)"
wait_key data/blkraw-done 240 > /dev/null || exit 1
echo "disk2 sha256 $(sha256sum disk2.img | cut -d' ' -f1)"
# xvdd (4096-byte sectors): the guest wrote 'Z' over its sector 1 (bytes
# 4096-8191); sector 0 must be untouched.
echo "disk4 sector1 $(dd if=disk4.img bs=4096 skip=1 count=1 2> /dev/null | sha256sum | cut -d' ' -f1)"
echo "Z block $(head -c 4096 /dev/zero | tr '\000' Z | sha256sum | cut -d' ' -f1)"
echo "disk4 sector0 $(head -c 4096 disk4.img | sha256sum | cut -d' ' -f1)"
echo "disk3 sector0 $(head -c 4096 disk3.img | sha256sum | cut -d' ' -f1)"
echo "dom0 ok"
rm -f disk*.img # freed when the domain goes
