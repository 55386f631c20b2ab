# pvgrub-disk, pvgrub-part: pvgrub2 found grub.cfg on the image (in the
# whole disk, or in the first partition), booted the app with the image's
# command line (which the job's config does not carry: it has no extra=)
# and its ramdisk as the boot module.
layout=${TEST#pvgrub-}
where='xen/xvda'
[ "$layout" = part ] && where='xen/xvda,msdos1'
expect_state poweroff
expect_exit_code 0
expect_console "Reading \\($where\\)/boot/grub/grub\\.cfg"
expect_console '^pvgrub: argc 6$'
expect_console "^pvgrub: argv\\[1\\] <--layout>\$"
expect_console "^pvgrub: argv\\[2\\] <$layout>\$"
expect_console '^pvgrub: argv\[3\] <two words>$'
expect_console '^pvgrub: argv\[4\] <glued quote>$'
expect_console '^pvgrub: argv\[5\] <last>$'
expect_console "^pvgrub: ramdisk token <$(cat "$TESTDIR/../pvgrub-disk/files/etc/pvgrub-token")>\$"
grep -q '^extra' guest.cfg 2> /dev/null && fail "the job's config has an extra= line"
grep -q "^disk = .*vdev=xvda" guest.cfg || fail "the job's config has no xvda"
