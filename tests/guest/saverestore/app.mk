# saverestore: examples/httpd, plus a thread of 100 ms sleeps and a
# resume hook (sleeper.c), saved with xl save and brought back with xl
# restore while dom0 holds a keep-alive connection (dom0.sh).
APP_SRCS := ../../../examples/httpd/main.c sleeper.c
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.8/16 80
