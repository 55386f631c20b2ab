# go-tls-go1.23: tests/guest/go-tls (its Go server and dom0 client,
# settings and checks) built with Go 1.23 from bookworm-backports.
# "override": the name promises that version whatever GO_VERSION make's
# command line gives.
GO_TLS_DIR := $(APP_DIR)/../go-tls
include $(GO_TLS_DIR)/app.mk
# The program is go-tls's folder (its own GO_MAIN is ".").
GO_MAIN := ../go-tls
override GO_VERSION := 1.23
