# gohttpd: examples/go-httpd's own Go package and files, on a fixed address.
GO_MAIN := ../../../examples/go-httpd
APP_MEMORY := 128
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.6/16 80
APP_FILES := ../../../examples/go-httpd/files
APP_FILES_GEN := ../../../examples/go-httpd/gen.sh
