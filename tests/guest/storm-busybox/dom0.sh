# dom0's side of storm-busybox: ../storm.sh against busybox sh.
ip=169.254.11.4
ready='storm: running'
. ./storm.sh
