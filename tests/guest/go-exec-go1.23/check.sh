# go-exec-go1.23: go-exec's checks, on an image whose Go binary Go 1.23
# built ($build: run.sh's build folder).
grep -aqF go1.23. "$build/$TEST/$TEST.linux" ||
	fail "$TEST: its Go binary was not built by Go 1.23"
. "$TESTDIR/../go-exec/check.sh"
