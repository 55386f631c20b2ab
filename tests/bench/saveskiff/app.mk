# saveskiff: examples/go-httpd at 128 MiB for the save and restore
# comparison with the Linux PV domU (dom0.sh); also run at 64 MiB.
GO_MAIN := ../../../examples/go-httpd
APP_MEMORY := 128
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.31.2/16 80
