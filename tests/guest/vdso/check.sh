# vdso: the vDSO is there, its symbols resolve under LINUX_2.6 inside
# its image, and its clocks agree with the system calls'.
expect_state poweroff
expect_exit_code 0
expect_console '^vdso: at 0x7fffffff2000$'  # after its two vvar pages
expect_console '^vdso: __vdso_clock_gettime@LINUX_2.6 at \+0x[0-9a-f]+$'
expect_console '^vdso: __vdso_gettimeofday@LINUX_2.6 at \+0x[0-9a-f]+$'
expect_console '^vdso: __vdso_time@LINUX_2.6 at \+0x[0-9a-f]+$'
expect_console '^vdso: monotonic: 2000 readings in order$'
expect_console '^vdso: realtime agrees$'
expect_console '^vdso: PASS$'
expect_no_console 'FAIL'
