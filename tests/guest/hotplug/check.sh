# hotplug: a vif and a disk attached, used, detached and a vif attached
# again while the app runs; the app goes on and stops cleanly.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^vif1 in xenstore$'
expect_dom0_log '^echo through the new vif: identical$'
expect_dom0_log '^vif1 gone from xenstore$'
expect_dom0_log '^the detached vif no longer answers$'
expect_dom0_log '^echo through the boot vif after the detach: identical$'
expect_dom0_log '^echo through the vif attached again: identical$'
h=$(sed -n 's/^disk2 sha256 \([0-9a-f]\{64\}\)$/\1/p' "$RESULT/dom0.log")
[ -n "$h" ] || fail "dom0.log has no disk2 hash"
expect_console "^hotplug: xvdb 8388608 bytes, end 0, sha256 $h\$"
expect_console '^netfront: device/vif/1 attached$'
expect_console '^blkfront: device/vbd/51728 attached$'
expect_console '^net: vif1 attached$'
expect_console '^hotplug: xvdb after detach: pread .* \(ENXIO\)$'
expect_console '^hotplug: open xvdb after detach: -1 No such file or directory$'
expect_console '^hotplug: close 0$'
expect_console '^blkfront: xvdb: removed$'
expect_console '^netfront: vif1: removed$'
expect_console '^net: vif1 removed$'
expect_console '^hotplug: the app goes on$'
m=$(sed -n 's/^motd \(token [0-9a-f]\{16\}\)$/\1/p' "$RESULT/dom0.log")
[ -n "$m" ] || fail "dom0.log has no motd"
expect_console '^mount: xvdc not attached; /data is mounted when it is$'
expect_console '^mount: xvdc on /data: ext4, read-only'
expect_console "^hotplug: /data/motd: $m\$"
expect_dom0_log '^mounted disk detached$'
expect_console '^blkfront: xvdc: removed$'
expect_no_console 'watch lost'
