# entropy-musl: a Linux binary's getrandom (flags, errors, 5 MiB),
# AT_RANDOM and the memory devices as character devices.
expect_state poweroff
expect_exit_code 0
expect_no_console '^entropy-musl: FAIL'
expect_console '^random: seeded from '
expect_console '^entropy-musl: ok: AT_RANDOM: 16 bytes, not all zero$'
expect_console '^entropy-musl: ok: a bad buffer: EFAULT$'
expect_console '^entropy-musl: ok: unknown flag: EINVAL$'
expect_console '^entropy-musl: ok: 5 MiB in one call$'
expect_console '^entropy-musl: ok: openat /dev/urandom: character device 1,9$'
expect_console '^entropy-musl: ok: epoll: /dev/urandom is EPERM, as on Linux$'
expect_console '^entropy-musl: ok: /dev/null: writes vanish, reads end of file$'
expect_console '^entropy-musl: ok: access /dev/urandom$'
expect_console '^entropy-musl: 0 failed$'
