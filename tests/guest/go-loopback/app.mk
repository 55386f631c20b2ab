# go-loopback: Go networking without a vif: the interfaces (lo with
# 127.0.0.1 and ::1, through the netlink route socket), httptest on the
# loopback, socket options, HTTP over a unix socket, unixgram, SCM_RIGHTS.
GO_MAIN := .
APP_MEMORY := 128
