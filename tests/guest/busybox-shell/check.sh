# busybox-shell: a glibc busybox shell running external commands: each
# command substitution, pipe stage, subshell and `sh -c` is a process;
# their exit codes, pipes and output reach the shell; exec replaces it
# and its exit code (6) is the domain's.
expect_state poweroff
expect_exit_code 6
sum=$(md5sum < "$TESTDIR/files/data.txt")
expect_console '^sh: start, pid 1$'
# The root: the ramdisk's files, /tmp, /dev, the directories of the
# synthesised files, and the program itself (/proc/self/exe names it).
expect_console '^sh: ls / says: busybox data.txt dev etc proc sys test.sh tmp $'
expect_console '^sh: lines 500$'
expect_console "^sh: md5 ${sum%% *}$"
expect_console '^sh: upper HELLO$'
expect_console '^sh: subshell exit 3$'
expect_console '^sh: child shell exit 4$'
expect_console '^sh: background job exit 0$'
expect_console "^sh: child's parent is the shell$"
expect_console '^sh: sorted max 2000$'
expect_console '^sh: grep count 500$'
expect_console '^sh: subshell pwd /tmp, shell pwd /$'
expect_console '^sh: read back: written by a child$'
expect_console '^sh: exec done$'
expect_no_console 'FAIL'
expect_no_console 'not supported'
