# dom0, in the job's folder, before xl create: migrate's disk, 64 MiB of
# random bytes, and their sha256.
set -e
dd if=/dev/urandom of=mig.img bs=1M count=64 2> /dev/null
sha256sum < mig.img | cut -d' ' -f1 > mig.sha256
echo "disk = [ 'format=raw,vdev=xvdb,access=ro,script=block,target=$(pwd)/mig.img' ]" >> guest.cfg
echo "pre.sh: disk ready, sha256 $(cat mig.sha256)"
