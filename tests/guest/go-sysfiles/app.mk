# go-sysfiles: the system calls and synthesised /proc, /sys and /etc files
# an unmodified Go program touches (main.go), with a fixed address and a
# name server given on the command line (resolv.conf must name it), and a
# ramdisk with the file sendfile sends and an /etc/hostname of its own.
GO_MAIN := main.go
APP_MEMORY := 96
APP_ENV := SYSFILES_MARK=environ-works
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.31/16 dns=169.254.0.53 first 'second arg'
APP_FILES := rootfs
