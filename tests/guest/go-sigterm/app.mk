# go-sigterm: a net/http server that drains on SIGTERM (main.go), on a
# fixed address.
GO_MAIN := .
APP_MEMORY := 128
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.18/16
