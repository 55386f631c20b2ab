# go-files: the Go program's files as it read them back, against the
# contents made here; the tree it walked, the directory it listed, the
# bound statfs reported and the ENOSPC it met.
expect_state poweroff
expect_exit_code 0
expect_no_console 'FAIL'
expect_console '^go-files: PASS$'
sum_of() { sha256sum | cut -d' ' -f1; }
lines=$(seq -f 'line %g' 0 19999)
size=$(printf '%s\n' "$lines" | wc -c)
hash=$(printf '%s\n' "$lines" | sum_of)
expect_console "^sum lines $size $hash\$"
expect_console "^sum copy $size $hash\$"
expect_console "^go-files: copied $size bytes\$"
expect_console "^sum renamed 13 $(printf 'old contents\n' | sum_of)\$"
expect_console "^sum hard 13 $(printf 'old contents\n' | sum_of)\$"
expect_console '^go-files: walk a/ a/b/ a/b/c/ a/b/c/four:4 a/b/c/three:3 a/b/two:2 a/one:1$'
expect_console '^go-files: readdir a new$'
expect_console '^go-files: statfs type 0x1021994 size 8388608$'
got=$(console_field 's/^go-files: ENOSPC after ([0-9]+) bytes$/\1/p')
if [ -z "$got" ] || [ "$got" -lt 6000000 ] || [ "$got" -gt 8388608 ]; then
	fail "ENOSPC after '${got:-nothing}' bytes of an 8 MiB bound"
fi
expect_console '^go-files: /tmp holds 0 entries$'
