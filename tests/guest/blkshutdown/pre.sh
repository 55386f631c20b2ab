# dom0, before xl create: blkshutdown's disks, xvda 32 MiB of random data,
# xvdb 32 MiB of zeros.
set -e
dd if=/dev/urandom of=disk1.img bs=1M count=32 2> /dev/null
dd if=/dev/zero of=disk2.img bs=1M count=32 2> /dev/null
here=$(pwd)
cat >> guest.cfg << CFG
disk = [ 'format=raw,vdev=xvda,access=ro,script=block,target=$here/disk1.img',
	 'format=raw,vdev=xvdb,access=rw,script=block,target=$here/disk2.img' ]
CFG
