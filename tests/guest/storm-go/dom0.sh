# dom0's side of storm-go: ../storm.sh against the Go program.
ip=169.254.11.5
ready='storm: running'
. ./storm.sh
