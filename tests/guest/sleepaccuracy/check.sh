# Each 50 ms sleep lasted at least 50 ms and less than 500 ms.
expect_state poweroff
expect_exit_code 0
for what in nanosleep usleep clock_nanosleep; do
	us=$(console_field "s/^$what 50 ms took ([0-9]+) us\$/\\1/p")
	if [ -z "$us" ]; then
		fail "no measurement for $what"
	elif [ "$us" -lt 50000 ] || [ "$us" -ge 500000 ]; then
		fail "$what 50 ms took $us us, expected 50000 <= us < 500000"
	fi
done
