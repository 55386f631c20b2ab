# go-sysfiles-go1.23: tests/guest/go-sysfiles (its Go program, settings
# and checks) built with Go 1.23 from bookworm-backports. "override": the
# name promises that version whatever GO_VERSION make's command line
# gives.
include $(APP_DIR)/../go-sysfiles/app.mk
GO_MAIN := ../go-sysfiles/main.go
APP_FILES := ../go-sysfiles/rootfs
# The checks expect the program's own name (argv[0], /proc/self/exe, the
# thread name), which is otherwise the image's.
APP_ARGV0 := go-sysfiles
override GO_VERSION := 1.23
