# dom0 side of netdhcp: the leased address appears in xenstore (data/ip),
# is from udhcpd's pool, and answers ping.
. ./dom0lib.sh
ip=$(wait_key data/ip 40) || { xl shutdown "$DOMNAME"; exit 1; }
ip=${ip%/*}
echo "guest data/ip: $ip"
rc=0
case $ip in
169.254.100.*) echo "address from the pool" ;;
*) echo "$ip is not from udhcpd's pool"; rc=1 ;;
esac
ping -c 3 -W 2 "$ip" || rc=1
xl shutdown "$DOMNAME"
exit $rc
