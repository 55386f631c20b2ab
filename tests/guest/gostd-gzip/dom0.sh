# dom0: once the tests have exited (and Skiff unmounted /tmp), e2fsck -fn
# must find nothing to fix on the disk they wrote.
. ./dom0lib.sh
wait_stopped 300 || exit 1
e2fsck -fn tmp.img > e2fsck.out 2>&1
st=$?
sed 's/^/e2fsck: /' e2fsck.out
echo "e2fsck exit $st"
rm -f tmp.img
[ $st -eq 0 ]
