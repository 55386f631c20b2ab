# dom0 side of netping: an echo server for the guest's TCP fallback, wait
# for the guest's address in xenstore (data/ip), ping it, then wait for
# the guest's own verdict and shut it down.
. ./dom0lib.sh
netserve echo 7007 &
srv=$!
ip=$(wait_key data/ip 30) || { kill $srv; exit 1; }
echo "guest data/ip: $ip"
rc=0
ping -c 3 -W 2 "${ip%/*}" || rc=1
arping -c 1 -I xenbr0 "${ip%/*}" || rc=1
echo "guest says: $(wait_key data/pinged 40)"
kill $srv
xl shutdown "$DOMNAME"
exit $rc
