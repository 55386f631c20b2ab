# dom0, in the job's folder, before xl create: blkfile's disks. xvda 64
# MiB of zeros for the guest's pattern, xvdb 8 MiB of random bytes (the
# guest hashes them), xvdc a read-only copy of xvdb's first MiB.
set -e
dd if=/dev/zero of=disk1.img bs=1M count=64 2> /dev/null
dd if=/dev/urandom of=disk2.img bs=1M count=8 2> /dev/null
dd if=disk2.img of=disk3.img bs=1M count=1 2> /dev/null
here=$(pwd)
cat >> guest.cfg << CFG
disk = [ 'format=raw,vdev=xvda,access=rw,script=block,target=$here/disk1.img',
	 'format=raw,vdev=xvdb,access=rw,script=block,target=$here/disk2.img',
	 'format=raw,vdev=xvdc,access=ro,script=block,target=$here/disk3.img' ]
CFG
echo "pre.sh: disks ready"
