# dom0, in the job's folder, before xl create: blkraw's disks. xvda holds
# 64 MiB of random data (its hash goes to dom0.log via dom0.sh), xvdb 64
# MiB of zeros for the guest to overwrite, xvdc (read-only) xvda's first
# MiB.
set -e
dd if=/dev/urandom of=disk1.img bs=1M count=64 2> /dev/null
dd if=/dev/zero of=disk2.img bs=1M count=64 2> /dev/null
dd if=disk1.img of=disk3.img bs=1M count=1 2> /dev/null
cp disk3.img disk4.img
echo 4096 > disk4.img.sector-size # dom0's block script: 4096-byte sectors
here=$(pwd)
cat >> guest.cfg << CFG
disk = [ 'format=raw,vdev=xvda,access=rw,script=block,target=$here/disk1.img',
	 'format=raw,vdev=xvdb,access=rw,script=block,target=$here/disk2.img',
	 'format=raw,vdev=xvdc,access=ro,script=block,target=$here/disk3.img',
	 'format=raw,vdev=xvdd,access=rw,script=block,target=$here/disk4.img',
	 'format=raw,vdev=xvde,access=rw,script=$here/block-silent,target=$here/disk3.img' ]
CFG
echo "pre.sh: disks ready"
