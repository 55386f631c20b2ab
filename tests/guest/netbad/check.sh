# netbad: clear messages for each bad input, main() still ran with the
# words after "--", clean exit 0, and boot did not hang (bounded waits).
expect_state poweroff
expect_exit_code 0
expect_console "^netbad: main ran, 1 argument\(s\): 'after'$"
expect_console '999\.1\.2\.3'
expect_console '[Mm][Aa][Cc].*not-a-mac|not-a-mac.*[Mm][Aa][Cc]'
expect_console 'vif/?2.*(time|connect|never)|(time|connect|never).*vif/?2'
stopped=$(sed -n 's/^stopped //p' times 2> /dev/null)
case $stopped in
'' | -) fail "no stop time" ;;
*) [ "$stopped" -le 45000 ] || fail "the guest took $stopped ms to finish (bounded waits expected)" ;;
esac
