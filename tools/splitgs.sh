#!/usr/bin/env bash
# Move a linked image's split-stack checks from %fs:0x70 to %gs:0x70 with
# the splitgs tool (tools/splitgs.c), then prove with objdump that the
# tool changed exactly the instructions objdump sees as such compares and
# that no %fs:0x70 is left in the image's code: a prologue still reading
# FS would compare against whatever the running Linux program keeps
# there. Hand-written code must name %gs:0x70 itself.
#   splitgs.sh TOOL IMAGE
set -euo pipefail
tool=$1 img=$2

count() { # pattern
	objdump -d --no-show-raw-insn "$img" | grep -c -- "$1" || true
}

fs=$(count '%fs:0x70')
gs=$(count '%gs:0x70')
n=$("$tool" "$img")
left=$(count '%fs:0x70')
now=$(count '%gs:0x70')
if [ "$left" -ne 0 ]; then
	echo "error: $img: $left instruction(s) still read the stack limit at %fs:0x70 (write %gs:0x70 in assembly):" >&2
	objdump -d "$img" | awk '/^[0-9a-f]+ <.*>:$/ { fn = $2 } /%fs:0x70/ { print "  " fn " " $0 }' | head -n 10 >&2
	exit 1
fi
if [ "$n" -ne "$fs" ] || [ "$now" -ne $((gs + n)) ]; then
	echo "error: $img: splitgs changed $n bytes where objdump saw $fs split-stack compares ($gs -> $now on %gs:0x70)" >&2
	exit 1
fi
