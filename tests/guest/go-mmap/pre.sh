# dom0, in the job's folder, before xl create: go-mmap's disk, a 64 MiB
# ext4 image from Debian's mkfs.ext4, empty.
set -e
mkfs.ext4 -q -F -b 4096 -L gommap mmap.img 64M
echo "disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$(pwd)/mmap.img' ]" >> guest.cfg
echo "pre.sh: disk ready"
