# shellcheck shell=sh
# What the Go benchmarks' dom0.sh share (tests/bench/goskiff and
# saveskiff; listed in their "files"): milliseconds of uptime, the best
# of a column, a fresh domain's config, creating and destroying it.
# Needs SKIFF_IP and PROBE_IP set.
ms() {
	read -r up _ < /proc/uptime
	echo $((${up%.*} * 1000 + (1${up#*.} - 100) * 10))
}

best() { # [min]
	sort -n | if [ "${1:-}" = min ]; then head -n 1; else tail -n 1; fi
}

# An xl config for a fresh domain: CFG with its name, memory and MAC
# replaced (and, for Skiff, the probe address).
mkcfg() { # cfg name memory mac
	sed -e '/^name *=/d' -e '/^memory *=/d' -e '/^vif *=/d' \
		-e "s|ip=$SKIFF_IP/|ip=$PROBE_IP/|" "$1" > "/tmp/$2.cfg"
	printf 'name = "%s"\nmemory = %s\nvif = [ "bridge=xenbr0,mac=%s" ]\n' \
		"$2" "$3" "$4" >> "/tmp/$2.cfg"
}

# Create NAME from CFG (mkcfg); fails if xl does.
create() { # name
	xl create "/tmp/$1.cfg" > "/tmp/$1.xl" 2>&1 && return 0
	echo "xl create $1 failed:"
	cat "/tmp/$1.xl"
	return 1
}

gone() { # name
	xl destroy "$1" > /dev/null 2>&1
	return 0
}

