# dom0, in the job's folder, before xl create: go-ext4's disk, a 64 MiB
# ext4 image from Debian's mkfs.ext4 (its default features), empty,
# with 4 KiB blocks (fs-ext4 and fs-crash have the 1 KiB that mkfs.ext4
# picks for disks under 512 MiB).
set -e
mkfs.ext4 -q -F -b 4096 -L goext4 go.img 64M
echo "disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$(pwd)/go.img' ]" >> guest.cfg
echo "pre.sh: disk ready"
