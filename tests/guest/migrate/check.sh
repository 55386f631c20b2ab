# migrate: the domain moved to a new one in the middle of a 64 MiB TCP
# transfer from its disk, and the transfer completed byte-identical. By
# xl migrate where Xen can migrate PV guests live; where it cannot (no
# shadow paging: Debian's Xen 4.17, the test host's), the failed xl
# migrate must leave the guest running, and xl save plus xl restore make
# the move instead.
expect_state poweroff
expect_dom0_rc 0
if ! grep -q '^live migration unavailable' "$RESULT/dom0.log"; then
	expect_dom0_log '^xl migrate: 0$'
else
	expect_dom0_log '^the guest runs on after the failed migration$'
	expect_dom0_log '^xl save: 0$'
	expect_dom0_log '^xl restore: 0$'
fi
expect_dom0_log '^the transfer spanned the move$'
expect_dom0_log '^transfer: byte-identical$'
expect_console '^suspend: resumed in a new domain$'
expect_console '^netfront: vif0: reconnecting'
expect_console '^blkfront: xvdb: reconnecting'
expect_console '^migrate: 67108864 bytes sent$'
expect_no_console '^FAIL'
