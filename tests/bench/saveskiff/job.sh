#!/usr/bin/env bash
# Adds the Linux PV domU peer to saveskiff's job: goskiff's job.sh with
# this benchmark's ELF, address (169.254.31.10) and memory (128 MiB).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BENCH_APP=saveskiff BENCH_IP=169.254.31.10 BENCH_MIB=128 exec "$here/../goskiff/job.sh" "$1"
