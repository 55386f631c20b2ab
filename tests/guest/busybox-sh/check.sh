# busybox-sh: a glibc program nobody here wrote: its shell runs a script of
# builtins (loops, arithmetic, read from a file, case, functions, printf,
# a trap on SIGUSR1 sent by kill to itself) and exits with the script's 7.
expect_state poweroff
expect_exit_code 7
expect_console '^bb: hello from /test.sh$'
expect_console '^bb: loop 3$'
expect_console "^bb: read: Skiff runs Debian's static busybox\.$"
expect_console '^bb: case ok$'
expect_console '^bb: function got 3 args: a b c d$'
expect_console '^bb: positional y$'
expect_console '^bb: printf 00042 done$'
expect_console '^bb: trap ran: yes$'
expect_no_console 'FAIL'
