# dom0, in the job's folder, before xl create: fs-crash's disk, a 64 MiB
# ext4 image from Debian's mkfs.ext4 (its default features), empty.
set -e
mkfs.ext4 -q -F -L fscrash crash.img 64M
echo "disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$(pwd)/crash.img' ]" >> guest.cfg
echo "pre.sh: disk ready"
