# Skiff's network figures: tests/bench/net-dom0.sh against netskiff.
. ./net-dom0.sh
net_bench skiff_small 169.254.20.3
