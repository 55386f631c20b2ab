#!/usr/bin/env bash
# Build the real binaries test_elf reads, into OUTDIR: hello.c as a static,
# a dynamic and a static-pie executable with the host compiler; with
# musl-gcc (Debian's musl-tools) as a static one; hello.go with Debian's
# golang-1.19-go. The last two only when that toolchain is installed (the
# test says which it skipped).
#   usage: fixtures.sh OUTDIR SRCDIR
set -euo pipefail

out=$1 src=$2
cc=${CC:-cc}
go=/usr/lib/go-1.19/bin/go
mkdir -p "$out"
rm -f "$out"/hello-*
"$cc" -O1 -static -o "$out/hello-static" "$src/hello.c"
"$cc" -O1 -o "$out/hello-dynamic" "$src/hello.c"
"$cc" -O1 -static-pie -o "$out/hello-static-pie" "$src/hello.c"
if command -v musl-gcc >/dev/null; then
	musl-gcc -O1 -static -o "$out/hello-musl" "$src/hello.c"
fi
if [ -x "$go" ]; then
	mkdir -p "$out/go"
	cp "$src/hello.go" "$out/go/main.go"
	(cd "$out/go" && env GOROOT=/usr/lib/go-1.19 GOCACHE="$out/gocache" \
		GOPATH="$out/gopath" GOENV=off GOFLAGS= GOPROXY=off \
		GOOS=linux GOARCH=amd64 CGO_ENABLED=0 \
		"$go" build -trimpath -buildvcs=false -o "$out/hello-go" main.go)
fi
touch "$out/.done"
