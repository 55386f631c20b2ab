# go-httpd: a Go net/http server run unmodified on Skiff (see main.go and
# docs/linux-binaries.md). One vif on xenbr0 without an address: the guest
# asks for one with DHCP (or give it ip=ADDR/PREFIX first in APP_EXTRA).
# The files under files/ (and the generated big.bin) are the ramdisk, served
# as /file/NAME.
GO_MAIN := .
APP_MEMORY := 128
APP_VIFS := bridge=xenbr0
APP_EXTRA := 80
APP_FILES := files
APP_FILES_GEN := gen.sh
