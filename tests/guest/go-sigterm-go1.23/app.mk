# go-sigterm-go1.23: tests/guest/go-sigterm (its Go program, settings and checks)
# built with Go 1.23 from bookworm-backports. "override": the name
# promises that version whatever GO_VERSION make's command line gives.
include $(APP_DIR)/../go-sigterm/app.mk
# The program is go-sigterm's folder (its own GO_MAIN is ".").
GO_MAIN := ../go-sigterm
override GO_VERSION := 1.23
