# fs-crash: dom0 destroyed the guest while it wrote (so the job's state
# is "error": its domain vanished before it stopped), repaired the image
# and found every file the guest had printed as synced intact.
expect_state error
expect_dom0_rc 0
expect_no_console '^FAIL'
expect_no_console '^fs-crash: never destroyed'
expect_console '^synced f00029 [0-9]+ [0-9a-f]{64}$'
expect_dom0_log '^e2fsck -fy exit [01]$'
expect_dom0_log '^e2fsck -fn exit 0$'
expect_dom0_log '^all [0-9]+ synced files intact$'
