# Read the guest's data/result from xenstore (waiting up to 40 s for it),
# print it, and acknowledge with data/ack so that the guest can finish.
key=/local/domain/$DOMID/data
i=0
while [ $i -lt 400 ]; do
	if r=$(xenstore-read "$key/result" 2> /dev/null); then
		echo "result=$r"
		xenstore-write "$key/ack" 1
		exit 0
	fi
	sleep 0.1
	i=$((i + 1))
done
echo "no $key/result after 40 s"
exit 1
