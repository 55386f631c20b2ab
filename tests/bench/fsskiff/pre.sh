# dom0, in the job's folder, before xl create: one 256 MiB ext4 image from
# Debian's mkfs.ext4 (its default features, with the 4 KiB blocks it
# gives disks of 512 MiB and more, rather than the 1 KiB of its "small"
# type: the block size of almost every real disk), copied so that Skiff (xvda
# in guest.cfg) and the Linux domU (xvda in linux.cfg) each start from
# the same bytes, in dom0's memory behind the same block script.
set -e
here=$(pwd)
mkfs.ext4 -q -F -b 4096 -L fsbench skiff.img 256M
cp skiff.img linux.img
echo "disk = [ 'format=raw,vdev=xvda,access=rw,script=block,target=$here/skiff.img' ]" >> guest.cfg
echo "disk = [ 'format=raw,vdev=xvda,access=rw,script=block,target=$here/linux.img' ]" >> linux.cfg
dumpe2fs -h skiff.img 2> /dev/null | grep '^Filesystem features:'
echo "pre.sh: images ready"
