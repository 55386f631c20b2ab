# pvgrub-menulst: pvgrub2 read the image's grub.cfg, which has no kernel
# line of its own, then menu.lst, and booted the app with menu.lst's
# command line and initrd.
expect_state poweroff
expect_exit_code 0
expect_console 'Reading \(xen/xvda,msdos1\)/boot/grub/grub\.cfg'
expect_console 'pvgrub-menulst: reading /boot/grub/menu\.lst'
expect_console '^pvgrub: argc 5$'
expect_console '^pvgrub: argv\[1\] <--layout>$'
expect_console '^pvgrub: argv\[2\] <menulst>$'
expect_console '^pvgrub: argv\[3\] <from-menu\.lst>$'
expect_console '^pvgrub: argv\[4\] <last>$'
expect_console "^pvgrub: ramdisk token <$(cat "$TESTDIR/../pvgrub-disk/files/etc/pvgrub-token")>\$"
