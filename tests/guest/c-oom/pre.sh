# dom0, in the job's folder, before xl create: c-oom's disk, 4 MiB of
# random bytes whose hash dom0.sh compares with the guest's.
set -e
dd if=/dev/urandom of=disk.img bs=1M count=4 2> /dev/null
here=$(pwd)
cat >> guest.cfg << CFG
disk = [ 'format=raw,vdev=xvda,access=ro,script=block,target=$here/disk.img' ]
CFG
echo "pre.sh: disk ready"
