# 80% of memory allocated and touched; the impossible malloc is NULL. The
# checksum of what the guest wrote is recomputed here from the page count.
expect_state poweroff
expect_exit_code 0
expect_console '^domain memory 6[0-4] MiB, asking for 5[0-1] MiB$'
expect_console '^touched [0-9]+ pages, checksum [0-9]+$'
pages=$(console_field 's/^touched ([0-9]+) pages.*/\1/p')
sum=$(console_field 's/^touched [0-9]+ pages, checksum ([0-9]+)$/\1/p')
want=$(( (pages / 256) * (255 * 256 / 2) + (pages % 256) * (pages % 256 - 1) / 2 ))
[ "${pages:-0}" -ge 12800 ] || fail "only ${pages:-0} pages touched, expected >= 12800 (50 MiB)"
[ "$sum" = "$want" ] || fail "checksum $sum, expected $want for $pages pages"
expect_console '^malloc of twice the memory: NULL$'
expect_console '^malloc of 80% again after free: ok$'
