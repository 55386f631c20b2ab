# storm-go: a Go program (main.go) whose goroutines spin and make system
# calls while dom0 floods the guest (../storm.sh; issue 16). Go keeps its
# goroutine pointer in thread-local storage: an upcall that returned with
# another FS base would crash it at once.
GO_MAIN := .
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.11.5/16 10
