# backend-faults: every fault leaves the guest running with its disk data
# and memory intact and the device usable again; the last disk holds what
# the guest wrote, byte for byte (hashed in dom0).
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^disk: passes again after the backend closed$'
expect_dom0_log '^echo across the vif down/up: identical$'
expect_dom0_log '^echo after netback closed: identical$'
expect_dom0_log '^disk: passes on the new disk$'
expect_dom0_log '^disk2: the pattern, byte for byte$'
expect_console '^faults: xvdb open, 8388608 bytes, 4096-byte sectors$'
expect_console '^faults: final pass written, 8388608 bytes$'
expect_console '^faults: [0-9]+ passes, [0-9]+ errors, 0 mismatches; memory intact'
expect_no_console 'MISMATCH|CORRUPTED|\*\*\* Skiff'
