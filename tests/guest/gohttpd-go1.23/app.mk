# gohttpd-go1.23: tests/guest/gohttpd (its Go program, settings and checks)
# built with Go 1.23 from bookworm-backports. "override": the name
# promises that version whatever GO_VERSION make's command line gives.
include $(APP_DIR)/../gohttpd/app.mk
override GO_VERSION := 1.23
