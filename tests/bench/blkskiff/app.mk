# blkskiff: Skiff's storage figures against the Linux PV domU's (job.sh
# adds the domU, pre.sh the two disks, dom0.sh runs the domU after Skiff).
APP_SRCS := main.c
APP_MEMORY := 256
APP_EXTRA := 128
