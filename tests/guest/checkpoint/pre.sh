# dom0, in the job's folder, before xl create: checkpoint's disk, 32 MiB
# of zeroes.
set -e
dd if=/dev/zero of=ckpt.img bs=1M count=32 2> /dev/null
echo "disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$(pwd)/ckpt.img' ]" >> guest.cfg
echo "pre.sh: disk ready"
