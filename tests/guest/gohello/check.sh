# gohello: an unmodified Go program: its argv, the time, 1000 goroutines
# through channels and a WaitGroup, a 100 ms sleep, exit code 0 in dom0.
expect_state poweroff
expect_exit_code 0
# argv[0] is the app's name: gohello, or a copy's (gohello-go1.23).
expect_console "^go-hello: 4 args \\[\"$TEST\" \"one\" \"two words\" \"three\"\\]\$"
expect_console '^go-hello: time 20[0-9][0-9]-'
expect_console '^go-hello: 1000 goroutines, total 333833500$'
expect_console '^go-hello: slept 1[0-9][0-9] ms$'
expect_console '^go-hello: PASS$'
expect_console '^exit code 0$'
expect_no_console 'FAIL'
