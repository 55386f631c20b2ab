#!/usr/bin/env bash
# The Linux PV domU peer of the network benchmark (tools/bench.sh calls
# this with the job's folder): 256 MiB, static 169.254.3.10, netserve on
# the ports netskiff serves, measured by net-dom0.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../../../tools/testhost/linux-domu-job.sh" --ip 169.254.3.10/16 --serve 64 \
	--dom0 "$here/dom0.sh" "$1" 256
