# saverestore-go: examples/go-httpd (a Go net/http server, a Linux
# binary) saved and restored while dom0 holds a keep-alive connection.
GO_MAIN := ../../../examples/go-httpd
APP_MEMORY := 128
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.9/16 80
APP_FILES := ../../../examples/go-httpd/files
APP_FILES_GEN := ../../../examples/go-httpd/gen.sh
