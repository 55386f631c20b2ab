# Skiff's network figures against the Linux PV domU's, measured in turns
# in the same minutes (tests/bench/net-dom0.sh): the domU is started here,
# next to the Skiff guest, from the files job.sh added.
. ./net-dom0.sh
net_compare skiff 169.254.20.2 linux 169.254.3.10 linux.cfg
