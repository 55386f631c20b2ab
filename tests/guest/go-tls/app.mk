# go-tls: Go's crypto/tls on Skiff. The server makes its key and
# self-signed certificate with crypto/rand at start; dom0's static Go
# client (client/, built here for linux/amd64) completes 100 handshakes
# pinned to its fingerprint, the domain reboots, and the second boot's
# fingerprint must differ. No seed= is passed: the guest's own sources.
GO_MAIN := .
APP_MEMORY := 128
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.43/16

# dom0's client, with the same toolchain as the server (port.mk's
# GO_TOOL and GO_ENV: static, no cgo), shipped by the files list.
# GO_TLS_DIR: this folder, also when go-tls-go1.23 includes this file.
GO_TLS_DIR ?= $(APP_DIR)
app: $(B)/$(APP_NAME)/tlsclient
$(B)/$(APP_NAME)/tlsclient: $(GO_TLS_DIR)/client/main.go $(GO_TLS_DIR)/client/go.mod | linux-tools-go
	$(call msg,GO,$@)mkdir -p $(@D) && cd $(GO_TLS_DIR)/client && \
		env $(GO_ENV) $(GO_TOOL) build -trimpath -buildvcs=false -o $@.tmp . && mv $@.tmp $@
