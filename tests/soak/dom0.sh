# dom0's side of soak: warm up for 60 s, have the guest measure itself
# (baseline), load it for the soak's duration (the file "duration",
# seconds, written by `make soak`), then measure again and stop it. The
# load: HTTP keep-alive rounds on 4 connections and fresh connections
# (the guest makes a thread for each), while the guest's own threads
# load its disk, files and xenstore.
. ./dom0lib.sh
ip=169.254.11.6
read -r duration < duration
rc=0
load() { # seconds
	_end=$(($(date +%s) + $1)) _n=0
	while [ "$(date +%s)" -lt $_end ]; do
		httpget -w 20 -q -c 4 -n 50 $ip 80 / > /dev/null || { echo "httpget failed"; rc=1; }
		httpget -q -n 1 $ip 80 / > /dev/null || { echo "httpget failed"; rc=1; }
		_n=$((_n + 1))
	done
	echo "load: $_n rounds in $1 s"
}
wait_console 'soak: running' 60 || exit 1
load 60
xenstore-write "$(guest_path)/data/soak-phase" measure1
wait_console 'soak: measure1' 60 || rc=1
load "$duration"
xenstore-write "$(guest_path)/data/soak-phase" measure2
wait_console 'soak: measure2' 60 || rc=1
wait_console 'soak: .*back to baseline' 10 || rc=1
xl shutdown "$DOMNAME"
wait_stopped 30 || rc=1
rm -f disk.img
exit $rc
