# goab: go-httpd (examples/go-httpd, as goskiff) on this checkout against
# the same app built from another revision (BENCH_REV; job.sh), measured
# in turns in one test-host boot (dom0.sh).
GO_MAIN := ../../../examples/go-httpd
APP_MEMORY := 256
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.32.2/16 80
