# dom0's side of backend-faults: break the backends while the guest's
# checksummed workload runs, then have it write a known pattern over the
# last disk and hash that disk here. Each fault must leave the guest
# running, its data and memory intact, and the device usable again.
. ./dom0lib.sh
rc=0
ip=169.254.11.2
be_vbd=/local/domain/0/backend/vbd/$DOMID/51728
be_vif=/local/domain/0/backend/vif/$DOMID/0
log=/var/log/xen/console/guest-$DOMNAME.log
passes() { grep -c 'faults: pass .* ok' "$log"; }
# Wait until the guest has made N more passes than now.
more_passes() { # n [seconds]
	_mp_want=$(($(passes) + $1)) _mp_n=$((${2:-60} * 10))
	until [ "$(passes)" -ge "$_mp_want" ]; do
		_mp_n=$((_mp_n - 1))
		[ "$_mp_n" -gt 0 ] || { echo "no $1 more passes after ${2:-60} s"; return 1; }
		sleep 0.1
	done
}
fault() { echo "== $1"; }

wait_console 'faults: pass 2 ok' 60 || exit 1
echo "disk passes before the faults: ok"

fault "the disk's backend state written Closing behind blkback's back"
xenstore-write "$be_vbd/state" 5
more_passes 2 60 && echo "disk: passes again after the backend closed" || rc=1

fault "the vif taken down and up in the middle of a transfer"
dd if=/dev/urandom of=/tmp/bf.in bs=1M count=4 2> /dev/null
tcpecho -w 20 -t 60 -f /tmp/bf.in -o /tmp/bf.out "$ip" 7 &
pid=$!
sleep 1
ip link set "vif$DOMID.0" down
sleep 2
ip link set "vif$DOMID.0" up
wait $pid && cmp -s /tmp/bf.in /tmp/bf.out && echo "echo across the vif down/up: identical" || rc=1

fault "the vif's backend state written Closing"
xenstore-write "$be_vif/state" 5
sleep 3
tcpecho -w 30 -t 60 -k 512 "$ip" 7 && echo "echo after netback closed: identical" || rc=1

fault "the disk detached in the middle of a transfer, then one with 4096-byte sectors attached"
xl block-detach "$DOMNAME" xvdb && echo "block-detach done" || rc=1
wait_console 'blkfront: xvdb: removed' 30 || rc=1
xl block-attach "$DOMNAME" "format=raw,vdev=xvdb,access=rw,script=block,target=$(pwd)/disk2.img" || rc=1
wait_console 'faults: pass .* ok (4096-byte sectors)' 60 && echo "disk: passes on the new disk" || rc=1

xenstore-write "$(guest_path)/data/final" 1
wait_key data/faults-done 60 > /dev/null || rc=1
xl shutdown "$DOMNAME"
wait_stopped 30 || rc=1
a=$(sha256sum < disk2.img) b=$(pattern 7 8388608 | sha256sum)
echo "disk2 sha256 ${a%% *}"
echo "pattern sha256 ${b%% *}"
[ "$a" = "$b" ] && echo "disk2: the pattern, byte for byte" || rc=1
rm -f disk1.img disk2.img /tmp/bf.in /tmp/bf.out
exit $rc
