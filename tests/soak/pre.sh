# dom0, before xl create: xvdb, 16 MiB for the disk load.
set -e
dd if=/dev/zero of=disk.img bs=1M count=16 2> /dev/null
echo "disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$(pwd)/disk.img' ]" >> guest.cfg
