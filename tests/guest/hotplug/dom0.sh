# dom0's side of hotplug: attach a second vif (on a subnet of its own,
# which dom0 joins) and a disk of 8 MiB of random bytes to the running
# guest; echo through the new vif, compare the guest's hash of the disk
# with dom0's; detach both (the guest's open fd must fail, the new vif
# must stop answering, the boot vif must go on); then xl shutdown.
. ./dom0lib.sh
rc=0
wait_console 'hotplug: echo on 7' 40 || exit 1
dd if=/dev/urandom of=disk2.img bs=1M count=8 2> /dev/null
echo "disk2 sha256 $(sha256sum disk2.img | cut -d' ' -f1)"
ip addr add 10.77.0.1/24 dev xenbr0

xl network-attach "$DOMNAME" bridge=xenbr0 ip=10.77.0.2 || rc=1
wait_console 'net: vif1 mac .* ip 10\.77\.0\.2' 30 || rc=1
xenstore-ls "$(guest_path)/device/vif" | grep -q '^1 =' && echo "vif1 in xenstore"
tcpecho -w 20 -t 30 -k 256 10.77.0.2 7 && echo "echo through the new vif: identical" || rc=1

xl block-attach "$DOMNAME" "format=raw,vdev=xvdb,access=ro,script=block,target=$(pwd)/disk2.img" || rc=1
wait_console 'hotplug: xvdb .* sha256' 60 || rc=1

xl block-detach "$DOMNAME" xvdb && echo "block-detach done" || rc=1
wait_console 'hotplug: close ' 30 || rc=1
xl network-detach "$DOMNAME" 1 && echo "network-detach done" || rc=1
wait_console 'netfront: vif1: removed' 30 || rc=1
xenstore-ls "$(guest_path)/device/vif" | grep -q '^1 =' || echo "vif1 gone from xenstore"
if tcpecho -w 3 -t 5 -k 1 10.77.0.2 7 > /dev/null 2>&1; then
	echo "the detached vif still answers"
	rc=1
else
	echo "the detached vif no longer answers"
fi
tcpecho -w 10 -t 30 -k 256 169.254.11.1 7 && echo "echo through the boot vif after the detach: identical" || rc=1

# Attach again, the same devid and vdev: new devices.
xl network-attach "$DOMNAME" bridge=xenbr0 ip=10.77.0.3 || rc=1
wait_console 'net: vif1 mac .* ip 10\.77\.0\.3' 30 || rc=1
tcpecho -w 20 -t 30 -k 64 10.77.0.3 7 && echo "echo through the vif attached again: identical" || rc=1

# A disk the command line mounts once attached (mount=xvdc:/data:ro:nofail),
# detached again while mounted.
mkdir -p motd.d
echo "token $(head -c 16 /dev/urandom | sha256sum | cut -c1-16)" > motd.d/motd
echo "motd $(cat motd.d/motd)"
mkfs.ext4 -q -F -d motd.d disk3.img 16M || rc=1
xl block-attach "$DOMNAME" "format=raw,vdev=xvdc,access=ro,script=block,target=$(pwd)/disk3.img" || rc=1
wait_console 'hotplug: /data/motd' 60 || rc=1
xl block-detach "$DOMNAME" xvdc && echo "mounted disk detached" || rc=1
wait_console 'blkfront: xvdc: removed' 30 || rc=1

ip addr del 10.77.0.1/24 dev xenbr0
xl shutdown "$DOMNAME"
wait_stopped 30 || rc=1
rm -rf disk2.img disk3.img motd.d
exit $rc
