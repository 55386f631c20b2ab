# shellcheck shell=bash
# The tree fs-ext4's guest leaves under /data/out (main.c: write_tree,
# change_tree), made on the build machine with the same names, contents
# and changes in the same order, then compared with what dom0 listed and
# summed off the disk (dom0.sh: "tree SHA N", "files SHA N", and the
# "tree: " and "file: " lines). Sourced by check.sh.

# Content of file i: 1 to 60 lines (600 more for every 100th).
fsext4_content() { # i
	local n=$((1 + ($1 * 7) % 60 + ($1 % 100 == 0 ? 600 : 0)))
	# shellcheck disable=SC2046 # one argument per line number
	printf "fs-ext4 file %04d line %02d\n" $(for ((l = 0; l < n; l++)); do echo "$1 $l"; done)
}

fsext4_make_tree() { # dir
	local i p
	mkdir -p "$1/out/moved"
	for ((i = 0; i < 2000; i++)); do
		p=$(printf 'out/d%02d/e%d' $((i / 100)) $(((i / 10) % 10)))
		mkdir -p "$1/$p"
		fsext4_content $i > "$1/$p/$(printf f%04d $i)"
	done
	for ((i = 0; i < 2000; i++)); do
		p=$1/$(printf 'out/d%02d/e%d' $((i / 100)) $(((i / 10) % 10)))
		if ((i % 7 == 0)); then
			mv "$p/$(printf f%04d $i)" "$p/$(printf r%04d $i)"
		elif ((i % 13 == 0)); then
			mv "$p/$(printf f%04d $i)" "$1/out/moved/"
		elif ((i % 11 == 0)); then
			rm "$p/$(printf f%04d $i)"
		fi
	done
	mv "$1/out/d00/e0/f0001" "$1/out/d00/e0/f0002"
	mv "$1/out/d18" "$1/out/r18"
	rm -r "$1/out/d19"
}

fsext4_tree_check() { # result-dir
	local tmp want got
	tmp=$(mktemp -d)
	fsext4_make_tree "$tmp"
	(cd "$tmp" && find out | LC_ALL=C sort > tree && find out -type f | LC_ALL=C sort | xargs sha256sum > files)
	for k in tree files; do
		want="$k $(sha256sum < "$tmp/$k" | cut -d' ' -f1) $(wc -l < "$tmp/$k")"
		got=$(tr -d '\r' < "$1/dom0.log" 2> /dev/null | grep "^$k [0-9a-f]\{64\} ")
		if [ "$got" != "$want" ]; then
			fail "the disk's $k is '${got:-nothing}', expected '$want'; first difference: $(
				diff <(tr -d '\r' < "$1/dom0.log" | sed -n "s/^${k%s}: //p") "$tmp/$k" | grep -m1 '^[<>]')"
		fi
	done
	rm -rf "$tmp"
}
