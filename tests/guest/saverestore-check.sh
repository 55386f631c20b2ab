# shellcheck shell=sh
# What saverestore and saverestore-go both check (sourced by their
# check.sh, with dom0's side in saverestore.sh): the domain saved and
# restored, the kept connection and the request counter carry on, the
# save file holds under 3/4 of the domain's memory and the restored
# domain holds all of it again.
expect_state poweroff
expect_dom0_rc 0
expect_dom0_log '^xl save: 0$'
expect_dom0_log '^xl restore: 0$'
expect_dom0_log '^kept connection: works$'
expect_dom0_log '^counter: continues$'
expect_dom0_log '^save file: under 3/4 of the domain'"'"'s memory$'
expect_dom0_log '^memory: all back$'
expect_console '^balloon: [0-9]+ KiB left out of the save, backed again$'
expect_console '^suspend: resumed in a new domain$'
expect_console '^netfront: vif0: reconnecting'
