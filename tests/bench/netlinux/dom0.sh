# The Linux domU's network figures: tests/bench/net-dom0.sh against its
# netserve.
. ./net-dom0.sh
net_bench linux 169.254.3.10
