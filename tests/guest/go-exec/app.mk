# go-exec: Go's os/exec on Skiff: the program runs itself again as a child
# process (/proc/self/exe) through Go's vfork and execve, with pipes,
# an exit code, a signal and the environment.
GO_MAIN := .
APP_MEMORY := 128
