# dom0 side of every gostd-* test (the others link here): once the tests
# have exited (and Skiff unmounted /tmp), e2fsck -fn must find nothing to
# fix on the disk they wrote.
. ./dom0lib.sh
wait_stopped 300 || exit 1
e2fsck_report tmp.img -fn e2fsck
st=$?
rm -f tmp.img
[ $st -eq 0 ]
