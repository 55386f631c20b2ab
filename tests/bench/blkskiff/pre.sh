# dom0, in the job's folder, before xl create: one 128 MiB disk of zeros
# each for Skiff (xvda in guest.cfg) and the Linux domU (xvda in
# linux.cfg), files in dom0's memory behind the same block script.
set -e
here=$(pwd)
for g in skiff linux; do
	dd if=/dev/zero of=$g.img bs=1M count=128 2> /dev/null
done
echo "disk = [ 'format=raw,vdev=xvda,access=rw,script=block,target=$here/skiff.img' ]" >> guest.cfg
echo "disk = [ 'format=raw,vdev=xvda,access=rw,script=block,target=$here/linux.img' ]" >> linux.cfg
echo "pre.sh: disks ready"
