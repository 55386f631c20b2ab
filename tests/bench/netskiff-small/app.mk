# netskiff-small: the same as netskiff with the least memory it works with
# (docs/benchmarks.md: found by trying smaller sizes).
APP_SRCS := ../netskiff/main.c
APP_MEMORY := 8
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.20.3/16
