# dom0, in the job's folder, before xl create (every gostd-* test; the
# others link here): the guest's /tmp, a 64 MiB ext4 image from
# mkfs.ext4 with its default features, empty.
set -e
mkfs.ext4 -q -F -L gostd tmp.img 64M
echo "disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$(pwd)/tmp.img' ]" >> guest.cfg
echo "pre.sh: disk ready"
