# dom0's side of storm: ../storm.sh against the musl program.
ip=169.254.11.3
ready='storm: running'
. ./storm.sh
