# go-recover: a net/http server one of whose handlers dereferences a nil
# pointer (main.go), on a fixed address.
GO_MAIN := .
APP_MEMORY := 128
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.17/16
