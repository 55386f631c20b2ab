# dom0, in the job's folder, before xl create, for a test that boots its
# app's disk image (a test folder with a file boot-image; see
# tests/guest/run.sh). The test host boots the job's file "kernel": that
# becomes a link to the bootloader the image's xl config names (the file
# "bootloader"), which dom0 must have where a Debian host has it. The
# config's disk gets the job's copy of the image. Then the test's own
# pre.sh, if it has one, runs.
boot=$(cat bootloader) || exit 1
[ -f "$boot" ] || { echo "bootimage: dom0 has no $boot, which the config names"; exit 1; }
ln -sf "$boot" kernel || exit 1
here=$(pwd)
sed -i "s|,target=[^']*/\([^/']*\)'|,target=$here/\1'|" guest.cfg || exit 1
grep -q "^disk = .*,target=$here/" guest.cfg || { echo "bootimage: guest.cfg has no disk with a target"; exit 1; }
echo "bootimage: kernel $boot, $(grep '^disk = ' guest.cfg)"
[ ! -f test-pre.sh ] || exec sh ./test-pre.sh
