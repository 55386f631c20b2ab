# dom0, in the job's folder, before xl create: fs-ext4's two disks, made
# by Debian's mkfs.ext4 with its default features (Debian's mke2fs.conf).
#  - data.img (xvdb, /data): 256 MiB, holding seed/ (mke2fs -d): nested
#    directories, a 6 MiB file of the pattern (helpers/pattern.c), a
#    symbolic link, an empty file, a directory of 200 entries;
#  - ro.img (xvdc, /ro, mounted read-only): 32 MiB with one file; its
#    sha256 goes to ro.sha256, for dom0.sh to see it unchanged.
# Both disks are writable for the backend: only the mount keeps /ro from
# being written.
set -e
rm -rf seed roseed
mkdir -p seed/a/b/c seed/many roseed
printf 'hello from dom0\n' > seed/hello.txt
printf 'a deep file\n' > seed/a/b/c/deep.txt
pattern 11 6291456 > seed/big.bin
: > seed/empty
ln -s a/b/c/deep.txt seed/link
i=0
while [ $i -lt 200 ]; do
	n=$(printf %03d $i)
	printf 'many %s\n' "$n" > "seed/many/f$n"
	i=$((i + 1))
done
printf 'read only\n' > roseed/ro.txt
mkfs.ext4 -q -F -L fsext4 -d seed data.img 256M
mkfs.ext4 -q -F -L fsro -d roseed ro.img 32M
sha256sum ro.img | cut -d' ' -f1 > ro.sha256
dumpe2fs -h data.img 2> /dev/null | grep -E '^(Filesystem features|Block count|Block size):'
e2fsck -fn data.img > /dev/null 2>&1 && echo "pre.sh: data.img clean"
here=$(pwd)
cat >> guest.cfg << CFG
disk = [ 'format=raw,vdev=xvdb,access=rw,script=block,target=$here/data.img',
	 'format=raw,vdev=xvdc,access=rw,script=block,target=$here/ro.img' ]
CFG
echo "pre.sh: disks ready"
