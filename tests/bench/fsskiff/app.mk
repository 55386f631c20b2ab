# fsskiff: Skiff's file-system figures against the Linux PV domU's, the
# same static musl program (fsbench.c) on each, each on its own copy of
# one 256 MiB image from dom0's mkfs.ext4 (pre.sh), mounted at /data
# (here by APP_MOUNTS; job.sh adds the domU, which mounts it with Linux's
# ext4; dom0.sh runs it after Skiff).
MUSL_SRCS := fsbench.c
APP_MEMORY := 256
APP_MOUNTS := xvda:/data
APP_EXTRA := skiff /data 3
