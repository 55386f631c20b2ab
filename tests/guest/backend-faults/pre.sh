# dom0, before xl create: xvdb, 8 MiB of zeros with 512-byte sectors; and
# the disk that replaces it later, 8 MiB with 4096-byte sectors (the
# block script reads disk2.img.sector-size).
set -e
dd if=/dev/zero of=disk1.img bs=1M count=8 2> /dev/null
dd if=/dev/zero of=disk2.img bs=1M count=8 2> /dev/null
echo 4096 > disk2.img.sector-size
here=$(pwd)
cat >> guest.cfg << CFG
disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$here/disk1.img' ]
CFG
echo "pre.sh: disks ready"
