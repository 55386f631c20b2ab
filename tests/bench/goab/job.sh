#!/usr/bin/env bash
# goab's other side: the same app from BENCH_REV (tests/bench/rev-job.sh).
exec "$(dirname "$0")/../rev-job.sh" goab "$1"
