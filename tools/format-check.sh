#!/usr/bin/env bash
# Check that every C source and header is formatted as .clang-format says.
# With --fix, reformat them instead.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v clang-format >/dev/null || tools/setup.sh format
mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.[ch]' -not -path './build/*')
[ ${#files[@]} -gt 0 ] || exit 0
if [ "${1:-}" = "--fix" ]; then
	clang-format -i "${files[@]}"
	exit 0
fi
if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/format-check.$$; then
	grep -m 10 'error:' /tmp/format-check.$$ >&2 || true
	echo "format-check: run tools/format-check.sh --fix" >&2
	rm -f /tmp/format-check.$$
	exit 1
fi
rm -f /tmp/format-check.$$
