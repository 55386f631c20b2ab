# checkpoint: xl save -c while the guest writes to its disk (the running
# guest goes on), then the checkpoint restored after the original is
# gone: the restored guest finds every block it had written intact.
APP_SRCS := main.c ../common/sha256.c
APP_MEMORY := 64
