# Sourced by the dependency scripts that build from a Debian source
# package (lwip.sh, e2fsprogs.sh). Before sourcing: pkg, version, and die().
# Gives as_root and fetch DIR: the source package (pinned; else apt's
# candidate, loudly) downloaded into DIR by `apt-get source
# --download-only` against private lists in DIR/apt (a deb-src copy of the
# system's sources), so the system's own apt state stays as it is.

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
