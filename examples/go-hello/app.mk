# go-hello: a Go program run unmodified on Skiff (see main.go and
# docs/linux-binaries.md). GO_MAIN names the Go main package (this folder):
# it is built with Debian's golang-1.19-go as a static linux/amd64 binary
# and embedded in the image.
GO_MAIN := .
APP_MEMORY := 64
APP_EXTRA := hello from xl
