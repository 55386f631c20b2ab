# go-preempt-go1.23: tests/guest/go-preempt (its Go program, settings and checks)
# built with Go 1.23 from bookworm-backports. "override": the name
# promises that version whatever GO_VERSION make's command line gives.
include $(APP_DIR)/../go-preempt/app.mk
# The program is go-preempt's folder (its own GO_MAIN is ".").
GO_MAIN := ../go-preempt
override GO_VERSION := 1.23
