# goskiff: examples/go-httpd (the unmodified Go net/http server) at the
# Linux domU's memory (256 MiB) for the Go comparison (dom0.sh). No
# ramdisk files: the Linux side serves the same binary without them.
GO_MAIN := ../../../examples/go-httpd
APP_MEMORY := 256
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.30.2/16 80
