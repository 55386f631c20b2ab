# gohello-go1.23: tests/guest/gohello (its Go program, settings and checks)
# built with Go 1.23 from bookworm-backports. "override": the name
# promises that version whatever GO_VERSION make's command line gives.
include $(APP_DIR)/../gohello/app.mk
override GO_VERSION := 1.23
