# dom0, in the job's folder, before xl create: fdclose's disk, 8 MiB of
# a known byte (0x5a) that the guest's blocked reads check.
set -e
dd if=/dev/zero bs=1M count=8 2> /dev/null | tr '\0' 'Z' > disk.img
here=$(pwd)
cat >> guest.cfg << CFG
disk = [ 'format=raw,vdev=xvda,access=ro,script=block,target=$here/disk.img' ]
CFG
echo "pre.sh: disk ready"
