# Builtins only (no fork): arithmetic and tests in a loop, with a write
# now and then, while dom0 floods the guest.
echo "storm: running"
i=0
sum=0
while [ $i -lt 30000 ]; do
	i=$((i + 1))
	sum=$(((sum * 31 + i) % 1000003))
	[ $((i % 10000)) -eq 0 ] && echo "storm: $i rounds"
done
echo "storm: done, sum $sum"
