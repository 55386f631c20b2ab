#!/bin/sh
# Runs the build machine's jobs in dom0, one after another, and reports
# each one on the console as "@@TH" lines that hostrun.sh decodes:
#   JOB name UPTIME_MS          the job starts (xl create is next)
#   C name BASE64               a piece of the guest's console output
#   R name BASE64               a piece of a tar of the result files
#   END name STATE SENT SIZE UPTIME_MS  done; SENT console bytes of SIZE sent
# /jobs/run.conf sets TH_JOBS (names in order), TH_TIMEOUT (seconds per
# job) and TH_CONSOLE_MAX (bytes of console output sent per job at most).
# /jobs/NAME/ holds guest.cfg (kernel = and on_* already rewritten by the
# build machine), kernel, maybe dom0.sh, ramdisk and other files. With a
# file keep-on-reboot (on_reboot = "restart" in guest.cfg), xl create stays
# in the background to restart the domain, and a reboot, or the domain
# missing for a while (between its old and new instance), does not end
# the job. With a file keep-on-suspend (save, restore and migration
# tests), the domain suspended (state s, reason suspend) or missing for
# up to 120 polls (between xl save and xl restore) does not end the job
# either. With a file udhcpd.conf, busybox udhcpd serves DHCP with that
# configuration (its interface is xenbr0) from before xl create until the
# job ends; its output goes to udhcpd.log in the results. With a file
# pre.sh, "sh ./pre.sh" runs in the job's folder before xl create (to make
# disk images and add their disk = line to guest.cfg); its output goes to
# pre.log, and a failure ends the job with state error.

# shellcheck source=/dev/null
. /jobs/run.conf
CONSOLE_DIR=/var/log/xen/console
CHUNK=49152 # a multiple of 3: every chunk is base64 on its own

frame() { echo "@@TH $*"; }

# NOW = dom0's uptime in milliseconds (10 ms steps), without a fork.
now() {
	read -r up _ < /proc/uptime
	NOW=$((${up%.*} * 1000 + (1${up#*.} - 100) * 10))
}

since() { [ -n "$1" ] && echo $(($1 - t0)) || echo -; }

filesize() { stat -c %s "$1" 2> /dev/null || echo 0; }

note() { echo "[testhost] $*" >> "$res/xl.log"; }

cfg_name() {
	sed -n "s/^[[:space:]]*name[[:space:]]*=[[:space:]]*[\"']\([^\"']*\)[\"'].*/\1/p" "$1" | tail -n 1
}

# One base64 chunk of FILE from byte OFFSET, at most CHUNK bytes.
chunk64() { # file offset count
	dd if="$1" bs=$CHUNK skip="$2" count="$3" iflag=skip_bytes,count_bytes status=none | base64 -w 0
}

# Send new console output: one chunk while polling, everything at the end.
send_console() { # [all]
	csize=$(filesize "$log")
	limit=$csize
	[ "$limit" -gt "$TH_CONSOLE_MAX" ] && limit=$TH_CONSOLE_MAX
	while [ "$sent" -lt "$limit" ]; do
		n=$((limit - sent))
		[ $n -gt $CHUNK ] && n=$CHUNK
		frame "C $job $(chunk64 "$log" "$sent" "$n")"
		sent=$((sent + n))
		[ "$1" = all ] || break
	done
}

# The job's result files, as one tar archive in "R" chunks. A dom0.log
# larger than TH_CONSOLE_MAX keeps only its end.
send_results() {
	if [ "$(filesize "$res/dom0.log")" -gt "$TH_CONSOLE_MAX" ]; then
		tail -c "$TH_CONSOLE_MAX" "$res/dom0.log" > "$res/dom0.tmp"
		mv "$res/dom0.tmp" "$res/dom0.log"
	fi
	files=
	for f in xl.log exit-code state times pre.log dom0.log dom0.rc xen.log udhcpd.log; do
		[ -e "$res/$f" ] && files="$files $f"
	done
	# shellcheck disable=SC2086
	tar -C "$res" -cf /tmp/results.tar $files
	tsize=$(filesize /tmp/results.tar)
	off=0
	while [ $off -lt "$tsize" ]; do
		frame "R $job $(chunk64 /tmp/results.tar $off $CHUNK)"
		off=$((off + CHUNK))
	done
	rm -f /tmp/results.tar
}

kill_group() { # pid
	kill -TERM -"$1" 2> /dev/null
	sleep 0.2
	kill -KILL -"$1" 2> /dev/null
}

# Run a command in the background in its own session (so that it can be
# killed with its children; $spawned is its pid). When it is done, its exit
# status lands in $res/NAME.rc and the uptime in $res/NAME.log.end.
spawn() { # log command...
	out=$1
	shift
	# shellcheck disable=SC2016 # expanded by the inner sh
	setsid sh -c '"$@" > "$0" 2>&1; rc=$?; cat /proc/uptime > "$0.end"
		echo $rc > "$0.rc.tmp"; mv "$0.rc.tmp" "${0%.log}.rc"' \
		"$res/$out" "$@" &
	spawned=$!
}

# The job's DHCP server (a udhcpd.conf in the job), in the background.
start_dhcpd() {
	[ -f udhcpd.conf ] || return 0
	spawn udhcpd.log udhcpd -f udhcpd.conf
	dhcpd_pid=$spawned
}

# The job's pre.sh, before xl create (its time counts against the job's).
run_pre() {
	[ -f pre.sh ] || return 0
	if ! sh ./pre.sh > "$res/pre.log" 2>&1; then
		note "pre.sh failed (see pre.log)"
		return 1
	fi
}
start_dom0sh() {
	[ -f dom0.sh ] || return 0
	export DOMID="$domid" DOMNAME="$domname" JOB="$job"
	spawn dom0.log sh ./dom0.sh
	dom0sh_pid=$spawned
	unset DOMID DOMNAME JOB
}

# Sets state once the domain has stopped; 0 then. A domain that is gone
# (twice in a row, to be sure) is an error.
poll_domain() {
	# shellcheck disable=SC2046
	set -- $(xl list -v "$domname" 2> /dev/null | sed -n 2p)
	if [ $# -lt 8 ]; then
		gone=$((gone + 1))
		[ $gone -ge "$gone_max" ] || return 1
		note "domain $domname disappeared before it stopped"
		state=error
		return 0
	fi
	gone=0
	case $5 in
	*c*) state=crash ;;
	*s*)
		case $8 in
		0) state=poweroff ;;
		1)
			[ -n "$restart" ] && return 1 # xl restarts it
			state=reboot
			;;
		2)
			[ -n "$suspend_ok" ] && return 1 # being saved
			state=suspend
			;;
		3) state=crash ;;
		4) state=watchdog ;;
		5) state=soft_reset ;;
		*) state=shutdown ;;
		esac
		;;
	*) return 1 ;;
	esac
	return 0
}

# Milliseconds since the job's start of an uptime line ("12.34 ...").
uptime_since() { # file
	read -r up _ < "$1" || return 1
	since $((${up%.*} * 1000 + (1${up#*.} - 100) * 10))
}

xl_created() {
	t_created=$(uptime_since "$res/xl.log.end")
	if [ "$(cat "$res/xl.rc")" != 0 ]; then
		note "xl create failed"
		state=error
		return 1
	fi
	domid=$(xl domid "$domname" 2> /dev/null)
	start_dom0sh
}

# Background watchers append "KIND UPTIME_MS" lines to $res/stamps, so that
# a slow "xl list" (up to a second here while a guest boots) does not blur
# the times. watch_log: when the console log appears (xenconsoled opens it
# once the domain is built and introduced) and gets its first byte.
watch_log() { # log stampfile
	seen=
	while :; do
		if [ -z "$seen" ] && [ -e "$1" ]; then
			now
			seen=1
			echo "exists $NOW" >> "$2"
		fi
		if [ -s "$1" ]; then
			now
			echo "console $NOW" >> "$2"
			return
		fi
		sleep 0.05
	done
}

# watch_release: Xen fires xenstore's @releaseDomain watch when a domain
# shuts down or goes away (and once when the watch is set). Each event is
# the moment the guest stopped, or a hint to look at its state right away.
watch_release() { # stampfile
	# shellcheck disable=SC2016 # expanded by the inner sh
	setsid sh -c 'xenstore-watch @releaseDomain 2> /dev/null | while read -r _; do
		read -r up _ < /proc/uptime
		echo "released $((${up%.*} * 1000 + (1${up#*.} - 100) * 10))" >> "$0"
	done' "$1" &
	release_pid=$!
}

releases() { grep -c '^released' "$res/stamps" 2> /dev/null; }

# t_exists, t_console and t_stopped (the first release after the domain
# existed, an event left over from the previous job comes before that).
read_stamps() {
	[ -f "$res/stamps" ] || return 0
	while read -r k v; do
		case $k in
		exists) t_exists=$(since "$v") ;;
		console) t_console=$(since "$v") ;;
		released)
			[ -n "$t_exists" ] && [ -z "$t_stopped" ] && [ "$(since "$v")" -ge "$t_exists" ] &&
				t_stopped=$(since "$v")
			;;
		esac
	done < "$res/stamps"
}

# Watch the domain until it stops or the job's time is up: the console
# every 0.2 s, the state ("xl list") at each release event and every 1 s.
watch_domain() {
	seen=0 next=0
	while :; do
		if [ -z "$t_created" ] && [ -e "$res/xl.rc" ]; then
			xl_created || return
		fi
		send_console
		now
		if [ -n "$t_created" ]; then
			r=$(releases)
			if [ "${r:-0}" != "$seen" ] || [ "$NOW" -ge "$next" ]; then
				seen=${r:-0} next=$((NOW + 1000))
				if poll_domain; then
					now
					stopped_at=$(since "$NOW")
					return
				fi
			fi
		fi
		if [ "$NOW" -ge "$deadline" ]; then
			note "timeout after $job_timeout s"
			state=timeout
			return
		fi
		sleep 0.2
	done
}

# Give dom0.sh until the deadline to finish.
wait_dom0sh() {
	[ -n "$dom0sh_pid" ] || return 0
	while [ ! -e "$res/dom0.rc" ]; do
		now
		if [ "$NOW" -ge "$deadline" ]; then
			kill_group "$dom0sh_pid"
			echo "[testhost] dom0.sh killed at the job's timeout ($job_timeout s)" >> "$res/dom0.log"
			echo 124 > "$res/dom0.rc"
			return
		fi
		sleep 0.1
	done
}

# xenconsoled may still be copying the last bytes: wait until the log stops
# growing (1 s at most).
settle_console() {
	a=$(filesize "$log")
	i=0
	while [ $i -lt 20 ]; do
		sleep 0.05
		b=$(filesize "$log")
		[ "$a" = "$b" ] && return
		a=$b
		i=$((i + 1))
	done
}

finish_job() {
	[ -e "$res/xl.rc" ] || { kill_group "$xl_pid"; note "xl create killed"; }
	[ -n "$watchlog_pid" ] && kill "$watchlog_pid" 2> /dev/null
	[ -n "$release_pid" ] && kill -KILL -"$release_pid" 2> /dev/null
	read_stamps
	[ -n "$t_stopped" ] || t_stopped=$stopped_at
	wait_dom0sh
	[ -n "$dhcpd_pid" ] && kill_group "$dhcpd_pid"
	settle_console
	: > "$res/exit-code"
	# The domain's id now: a restarted domain has a new one.
	d=$(xl domid "$domname" 2> /dev/null) && domid=$d
	if [ -n "$domid" ] &&
		xenstore-read "/local/domain/$domid/data/exit-code" > "$res/ec.tmp" 2> /dev/null; then
		mv "$res/ec.tmp" "$res/exit-code"
	fi
	xl destroy "$domname" > /dev/null 2>&1
	send_console all
	xl dmesg -c > "$res/xen.log" 2>&1
	echo "$state" > "$res/state"
	printf 'exists %s\ncreated %s\nconsole %s\nstopped %s\n' \
		"${t_exists:--}" "${t_created:--}" "${t_console:--}" "${t_stopped:--}" > "$res/times"
	send_results
	now
	frame "END $job $state $sent $(filesize "$log") $NOW"
}

# The job's own timeout (a file "timeout" in its folder: seconds, at
# most 1800), else the run's.
job_timeout() {
	local t=''
	[ -f timeout ] && read -r t < timeout
	case $t in
	'' | *[!0-9]*) echo "$TH_TIMEOUT" ;;
	*) echo $((t > 1800 ? 1800 : t)) ;;
	esac
}

run_job() {
	job=$1
	res=/results/$job
	mkdir -p "$res"
	cd "/jobs/$job" || return
	domname=$(cfg_name guest.cfg)
	log=$CONSOLE_DIR/guest-$domname.log
	state='' domid='' sent=0 gone=0 xl_pid='' dom0sh_pid='' watchlog_pid='' release_pid=''
	dhcpd_pid=''
	restart='' gone_max=2 create_opts=-e suspend_ok=''
	if [ -e keep-on-reboot ]; then
		restart=1 gone_max=15 create_opts=
	fi
	if [ -e keep-on-suspend ]; then
		suspend_ok=1 gone_max=120
	fi
	stopped_at='' t_exists='' t_created='' t_console='' t_stopped=''
	now
	frame "JOB $job $NOW"
	rm -f "$log"
	now
	t0=$NOW
	job_timeout=$(job_timeout)
	deadline=$((t0 + job_timeout * 1000))
	if [ -z "$domname" ]; then
		echo "[testhost] guest.cfg has no name = \"...\" line" > "$res/xl.log"
		echo 1 > "$res/xl.rc"
		state=error
	elif ! run_pre; then
		echo 1 > "$res/xl.rc"
		state=error
	else
		watch_log "$log" "$res/stamps" &
		watchlog_pid=$!
		watch_release "$res/stamps"
		start_dhcpd
		# shellcheck disable=SC2086 # empty or one word
		spawn xl.log xl create $create_opts guest.cfg
		xl_pid=$spawned
		watch_domain
	fi
	finish_job
	cd /
	# Its files are dom0's memory: the disk images of a test whose
	# dom0.sh did not get to remove them must not fill it for the rest.
	rm -rf "/jobs/$job"
}

mkdir -p /results
xl dmesg -c > /dev/null 2>&1 # each job gets the Xen messages from its own start
for j in $TH_JOBS; do
	run_job "$j"
done
