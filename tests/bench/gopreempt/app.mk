# gopreempt: Go's asynchronous preemption, measured (dom0.sh): a net/http
# server (main.go) with an endpoint that starts a goroutine spinning
# without a preemption point; on Skiff with preemption on (this guest and
# the default) and off (a copy booted with env=GODEBUG=asyncpreemptoff=1),
# against the same ELF in Linux PV domUs (job.sh), all at 256 MiB.
GO_MAIN := .
APP_MEMORY := 256
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.32.2/16 80
