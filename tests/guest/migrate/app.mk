# migrate: xl migrate to localhost while the guest sends its 64 MiB disk
# to dom0 over TCP (paced, so that the migration falls in the middle);
# dom0 checks that what arrived is the disk, byte for byte.
APP_SRCS := main.c
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.10.10/16
