# shellcheck shell=bash disable=SC2154 # pkg, version, src, out: the caller's
# Sourced by the dependency scripts that build from a Debian source
# package (lwip.sh, e2fsprogs.sh). Before sourcing: pkg, version, src (the
# shared source tree), out (the build's folder), log() and die(); the
# caller defines unpack DIR (prints the tree it unpacked in DIR), sources
# TREE (the files to compile) and, if it needs one, prepare_tree TREE.
# Gives:
#   as_root CMD...     CMD as root (sudo when not root)
#   fetch DIR          the source package (pinned; else apt's candidate,
#                      loudly) downloaded into DIR by `apt-get source
#                      --download-only` against private lists in DIR/apt (a
#                      deb-src copy of the system's sources), so the
#                      system's own apt state stays as it is
#   get_source         $src made once: fetched, unpacked, prepared
#   patched_sources D  Skiff's patches D/*.patch applied to copies in
#                      $out/patched; prints the files to compile (those
#                      copies where there are some)

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else die "need root or sudo to run: $*"; fi
}

fetch() { # dir
	local dir=$1 apt=$1/apt sources o cand
	sources=/etc/apt/sources.list.d/debian.sources
	[ -f "$sources" ] || die "$sources missing: cannot build a deb-src list"
	mkdir -p "$apt/parts" "$apt/lists/partial"
	sed 's/^Types: deb$/Types: deb-src/' "$sources" > "$apt/parts/src.sources"
	o=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/parts"
		-o "Dir::State::Lists=$apt/lists")
	log "refreshing private source lists"
	as_root apt-get "${o[@]}" update -q >"$dir/apt-update.log" 2>&1 ||
		{ tail -5 "$dir/apt-update.log" >&2; die "apt-get update failed"; }
	log "downloading the source package"
	if (cd "$dir" && as_root apt-get "${o[@]}" source --download-only -q \
		"$pkg=$version" >apt-source.log 2>&1); then
		return 0
	fi
	cand=$(apt-cache "${o[@]}" showsrc "$pkg" 2>/dev/null |
		sed -n 's/^Version: //p' | sort -V | tail -n1)
	[ -n "$cand" ] || die "cannot download $pkg $version, and apt knows no other version"
	echo "[deps] WARNING: $pkg $version is not downloadable; using $cand instead (update tools/deps/$pkg.sh)" >&2
	(cd "$dir" && as_root apt-get "${o[@]}" source --download-only -q \
		"$pkg=$cand" >apt-source.log 2>&1) ||
		die "cannot download $pkg $cand either"
}

get_source() {
	local work tree dsc
	[ -f "$src/.done" ] && return 0
	command -v patch >/dev/null || as_root apt-get install -y -q patch >/dev/null
	work=$(mktemp -d "${TMPDIR:-/tmp}/skiff-$pkg-src.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	fetch "$work"
	tree=$(unpack "$work")
	if declare -F prepare_tree >/dev/null; then
		prepare_tree "$tree"
	fi
	rm -rf "$src"
	mkdir -p "$(dirname "$src")"
	mv "$tree" "$src"
	dsc=("$work"/*.dsc)
	basename "${dsc[0]}" > "$src/.package"
	touch "$src/.done"
	log "source in $src"
	rm -rf "$work"
	trap - EXIT
}

# The files a patch touches are copied into $out/patched and patched
# there, and the copies are compiled instead: the shared tree stays
# Debian's.
patched_sources() { # patch-dir
	local p f rel patched=$out/patched
	for p in "$1"/*.patch; do
		[ -e "$p" ] || continue
		for f in $(sed -n 's|^+++ b/||p' "$p"); do
			mkdir -p "$patched/$(dirname "$f")"
			[ -e "$patched/$f" ] || cp "$src/$f" "$patched/$f"
		done
		patch -d "$patched" -p1 -s -N <"$p" >"$out/patch.log" 2>&1 ||
			{ cat "$out/patch.log" >&2; die "Skiff's $(basename "$p") does not apply"; }
		log "applied Skiff's $(basename "$p")"
	done
	sources "$src" | while read -r f; do
		rel=${f#"$src"/}
		if [ -e "$patched/$rel" ]; then echo "$patched/$rel"; else echo "$f"; fi
	done
}
