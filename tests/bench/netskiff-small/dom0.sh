# The same figures for netskiff at its smallest memory, alone.
. ./net-dom0.sh
net_compare skiff_small 169.254.20.3
