#!/bin/sh
# APP_FILES_GEN of the ramfs test: the larger files, generated into the
# copy of files/ (argument 1) rather than kept in the repository. Numbers
# that never repeat, so a read from a wrong offset changes the checksum.
set -eu
cd "$1"
seq 1 100000 | head -c 4095 > s4095
seq 2 100000 | head -c 4096 > s4096
seq 3 100000 | head -c 4097 > a/s4097
seq 1 200000 | head -c 307201 > a/b/big
