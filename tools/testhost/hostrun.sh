# shellcheck shell=bash
# The build machine's side of `testhost.sh run` (sourced by testhost.sh):
# packs the jobs into a cpio archive appended to dom0's initramfs, boots
# Xen + dom0 in QEMU once, follows the serial log while it grows, decodes
# dom0's "@@TH" lines (see dom0/jobs.sh) into OUTDIR/<job>/ and keeps the
# time limits: a boot budget until the toolstack is ready, then each job's
# timeout plus some slack, measured from that job's start.
# Needs: TH_DIR, TH_CACHE, th_log, th_die, th_prepare from testhost.sh.

TH_BOOT_BUDGET=${TESTHOST_BOOT_BUDGET:-120} # s from QEMU start to a ready toolstack
TH_JOB_SLACK=60                             # s per job beyond its timeout
TH_CONSOLE_MAX=$((4 * 1024 * 1024))         # console bytes kept per job
TH_XEN_CMDLINE="dom0_mem=1024M,max:1024M bootscrub=0 loglvl=all guest_loglvl=all console=com1"
TH_DOM0_CMDLINE="console=hvc0 quiet loglevel=1"

th_usage() {
	echo "usage: testhost.sh run [--stream] [--timeout SECONDS] OUTDIR JOBDIR..." >&2
	exit 2
}

# --- Staging ---------------------------------------------------------------

# The job's xl config with kernel = (and ramdisk =) pointing into dom0 and
# every on_* that ends the domain turned into "preserve", so its state can
# be read. A job
# with a file keep-on-reboot gets on_reboot = "restart" instead (a reboot
# test: dom0/jobs.sh then lets xl restart the domain).
th_rewrite_cfg() { # src dest jobname [keep-on-reboot]
	local reboot=preserve
	[ -n "${4:-}" ] && reboot=restart
	# A ramdisk = "/any/path/NAME" becomes the job's file NAME.
	sed -E -e '/^[[:space:]]*(kernel|on_poweroff|on_reboot|on_crash)[[:space:]]*=/d' \
		-e "s|^([[:space:]]*ramdisk[[:space:]]*=[[:space:]]*\")([^\"]*/)?([^\"/]*)\"|\\1/jobs/$3/\\3\"|" "$1" > "$2"
	printf '\n# Set by the Xen test host:\nkernel = "/jobs/%s/kernel"\n%s\n%s\n%s\n' "$3" \
		'on_poweroff = "preserve"' "on_reboot = \"$reboot\"" 'on_crash = "preserve"' >> "$2"
}

th_check_job() { # jobdir
	local name
	name=$(basename "$1")
	[ -d "$1" ] || th_die "no job directory $1"
	[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || th_die "job name '$name' (from $1): use letters, digits, . _ - only"
	[ -f "$1/kernel" ] || th_die "job $name: no kernel file in $1"
	[ -f "$1/guest.cfg" ] || th_die "job $name: no guest.cfg in $1"
	[ -z "${TH_SEEN[$name]:-}" ] || th_die "two jobs named $name"
	TH_SEEN[$name]=1
}

# Stage the jobs under $TH_STAGE/jobs and write the run's initrd.
th_stage_jobs() { # mode jobdir...
	local mode=$1 j name pad jobs=()
	shift
	mkdir -p "$TH_STAGE/jobs"
	for j in "$@"; do
		name=$(basename "$j")
		mkdir -p "$TH_STAGE/jobs/$name"
		cp -RL "$j/." "$TH_STAGE/jobs/$name/" || th_die "cannot copy job $j"
		th_rewrite_cfg "$j/guest.cfg" "$TH_STAGE/jobs/$name/guest.cfg" "$name" \
			"$([ -e "$j/keep-on-reboot" ] && echo 1)"
		jobs+=("$name")
	done
	printf 'TH_JOBS="%s"\nTH_TIMEOUT=%s\nTH_CONSOLE_MAX=%s\nTH_MODE=%s\n' \
		"${jobs[*]}" "$TH_TIMEOUT" "$TH_CONSOLE_MAX" "$mode" > "$TH_STAGE/jobs/run.conf"
	(cd "$TH_STAGE" && find jobs | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet) > "$TH_STAGE/jobs.cpio" || th_die "cpio of the jobs failed"
	# Linux finds an appended archive only at a 4-byte boundary; it skips
	# the zero bytes that pad the compressed one up to it.
	pad=$(((4 - $(stat -c %s "$TH_STAGE/dom0.cpio.gz") % 4) % 4))
	{ cat "$TH_STAGE/dom0.cpio.gz" && head -c "$pad" /dev/zero && cat "$TH_STAGE/jobs.cpio"; } > "$TH_STAGE/initrd" ||
		th_die "cannot write the initrd"
}

# --- QEMU ------------------------------------------------------------------

# The stage directory's path has no spaces or commas, which QEMU's
# multiboot module list could not carry.
th_qemu_args() {
	TH_QEMU=(qemu-system-x86_64 -machine q35 -accel tcg -m 3072 -smp 2
		-display none -no-reboot -nic none -parallel none
		-kernel "$TH_STAGE/xen" -append "$TH_XEN_CMDLINE"
		-initrd "$TH_STAGE/vmlinuz $TH_DOM0_CMDLINE,$TH_STAGE/initrd")
}

th_stop_qemu() {
	[ -n "${TH_QPID:-}" ] || return 0
	kill "$TH_QPID" 2> /dev/null
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$TH_QPID" 2> /dev/null || break
		sleep 0.2
	done
	kill -9 "$TH_QPID" 2> /dev/null
	wait "$TH_QPID" 2> /dev/null
	TH_QPID=
}

th_cleanup() {
	th_stop_qemu
	[ -n "${TH_TAIL_FD:-}" ] && exec {TH_TAIL_FD}<&-
	[ -n "${TH_STAGE:-}" ] && rm -rf "$TH_STAGE"
}

# --- Decoding dom0's lines ---------------------------------------------------

th_now() { TH_NOW=$((${EPOCHREALTIME/./} / 1000)); }

th_secs() { # ms
	printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100))
}

th_job_start() { # name
	local t
	TH_CUR=$1
	rm -rf "${TH_OUT:?}/$1"
	mkdir -p "$TH_OUT/$1"
	: > "$TH_OUT/$1/console.log"
	cp "$TH_STAGE/jobs/$1/guest.cfg" "$TH_OUT/$1/guest.cfg"
	th_now
	t=$TH_TIMEOUT
	if [ -f "$TH_STAGE/jobs/$1/timeout" ]; then
		read -r t < "$TH_STAGE/jobs/$1/timeout"
		case $t in '' | *[!0-9]*) t=$TH_TIMEOUT ;; esac
		((t > 1800)) && t=1800
	fi
	TH_DEADLINE=$((TH_NOW + (t + TH_JOB_SLACK) * 1000))
	TH_STARTED[$1]=1
	th_log "$1: xl create"
}

th_console() { # name base64
	local f=$TH_OUT/$1/console.log
	if [ "$TH_STREAM" = 1 ]; then
		base64 -d <<< "$2" 2> /dev/null | tee -a "$f"
	else
		base64 -d <<< "$2" >> "$f" 2> /dev/null
	fi || {
		th_log "WARNING: a damaged piece of $1's console output (serial line garbled)"
		TH_DAMAGED=1
	}
}

th_b64_append() { # base64 file
	base64 -d <<< "$1" >> "$2" 2> /dev/null || {
		th_log "WARNING: a damaged piece of ${2#"$TH_OUT"/} (serial line garbled)"
		TH_DAMAGED=1
	}
}

# The job's result files arrive as one tar archive.
th_unpack_results() { # dir
	if ! tar -xf "$1/.results.tar" -C "$1" 2> /dev/null; then
		th_log "WARNING: the result files of ${1##*/} arrived damaged"
		TH_DAMAGED=1
	fi
	rm -f "$1/.results.tar"
}

th_job_end() { # name state sent size
	local d=$TH_OUT/$1 got ec
	TH_ENDED[$1]=1
	TH_LAST_STATE=$2
	th_unpack_results "$d"
	[ -f "$d/state" ] || echo "$2" > "$d/state"
	[ -f "$d/exit-code" ] || : > "$d/exit-code"
	got=$(stat -c %s "$d/console.log")
	[ "$got" = "$3" ] || {
		th_log "WARNING: $1: got $got console bytes of $3 sent (serial loss)"
		TH_DAMAGED=1
	}
	[ "$4" -gt "$3" ] && th_log "$1: console output cut at $3 of $4 bytes"
	ec=$(cat "$d/exit-code")
	TH_LAST_EXIT=$ec
	th_log "$1: $2${ec:+, exit code $ec}$(th_times_note "$d/times")"
	th_now
	TH_DEADLINE=$((TH_NOW + TH_JOB_SLACK * 1000))
}

th_times_note() { # times-file
	local k v console='' stopped=''
	while read -r k v; do
		case $k in console) console=$v ;; stopped) stopped=$v ;; esac
	done < "$1" 2> /dev/null
	[ -n "$console" ] && [ "$console" != - ] && printf ', first output after %s s' "$(th_secs "$console")"
	[ -n "$stopped" ] && [ "$stopped" != - ] && printf ', stopped after %s s' "$(th_secs "$stopped")"
}

th_frame() { # words of one "@@TH" line
	case $1 in
	BOOT) th_log "dom0 kernel up" ;;
	READY)
		th_now
		TH_READY=1
		TH_DEADLINE=$((TH_NOW + TH_JOB_SLACK * 1000))
		th_log "toolstack ready $(th_secs $((TH_NOW - TH_T0))) s after QEMU start"
		;;
	JOB) [ $# -ge 2 ] && th_job_start "$2" ;;
	C) [ $# -ge 3 ] && [ -n "${TH_STARTED[$2]:-}" ] && th_console "$2" "$3" ;;
	R) [ $# -ge 3 ] && [ -n "${TH_STARTED[$2]:-}" ] && th_b64_append "$3" "$TH_OUT/$2/.results.tar" ;;
	END) [ $# -ge 5 ] && [ -n "${TH_STARTED[$2]:-}" ] && th_job_end "$2" "$3" "$4" "$5" ;;
	DONE)
		TH_DONE=1
		th_now
		TH_DEADLINE=$((TH_NOW + 20000))
		;;
	FATAL)
		shift
		th_log "dom0 failed: $*"
		TH_FATAL=1
		;;
	esac
	return 0
}

# One line of the serial log. Xen's own messages ("(XEN) ...") may cut into
# a line of dom0's: the rest of it then follows on the next non-Xen line.
th_line() { # line
	local l=${1//$'\r'/} w
	if [ -n "$TH_CUT" ]; then
		[[ $l == '(XEN)'* ]] && return 0
		l=$TH_CUT$l
		TH_CUT=
	fi
	[[ $l == *'@@TH '* ]] || return 0
	l="@@TH ${l#*@@TH }"
	if [[ $l == *'(XEN)'* ]]; then
		TH_CUT=${l%%'(XEN)'*}
		return 0
	fi
	read -r -a w <<< "${l#@@TH }"
	[ ${#w[@]} -gt 0 ] && th_frame "${w[@]}"
}

th_timed_out() {
	th_now
	[ "$TH_NOW" -ge "$TH_DEADLINE" ] || return 1
	if [ -n "$TH_DONE" ]; then
		th_log "QEMU did not exit after the last job; stopping it"
		th_stop_qemu
		return 0
	fi
	if [ -z "$TH_READY" ]; then
		th_log "error: dom0's toolstack not ready after $TH_BOOT_BUDGET s; stopping QEMU"
	else
		th_log "error: dom0 stopped answering${TH_CUR:+ during job $TH_CUR}; stopping QEMU"
	fi
	TH_HUNG=1
	th_stop_qemu
	return 0
}

# Follow the serial log until QEMU exits (or is stopped for hanging).
th_follow() { # serial-log
	local line rest=
	exec {TH_TAIL_FD}< <(tail -n +1 -s 0.2 -f --pid="$TH_QPID" "$1" 2> /dev/null)
	while :; do
		if IFS= read -r -t 1 -u "$TH_TAIL_FD" line; then
			th_line "$rest$line"
			rest=
		elif [ $? -gt 128 ]; then
			rest+=$line
			th_timed_out && break
		else
			[ -n "$rest$line" ] && th_line "$rest$line"
			break
		fi
	done
	exec {TH_TAIL_FD}<&-
	TH_TAIL_FD=
}

# --- Results -------------------------------------------------------------------

# Jobs that never ended get state "error" and a note saying why.
th_fill_missing() {
	local j d
	for j in "${TH_JOBNAMES[@]}"; do
		[ -n "${TH_ENDED[$j]:-}" ] && continue
		d=$TH_OUT/$j
		mkdir -p "$d"
		[ -f "$d/console.log" ] || : > "$d/console.log"
		rm -f "$d/.results.tar"
		: > "$d/exit-code"
		echo error > "$d/state"
		echo "[testhost] no result: the test host stopped before this job ended (see ../testhost.log)" >> "$d/xl.log"
		th_log "$j: error (no result from dom0)"
		TH_LAST_STATE=error
		TH_MISSING=1
	done
}

# --stream: the guest's exit code, or 125 with a message.
th_stream_status() {
	if [ "$TH_LAST_STATE" != poweroff ]; then
		th_log "the guest did not exit normally: $TH_LAST_STATE (exit status 125)"
		return 125
	fi
	if ! [[ ${TH_LAST_EXIT:-0} =~ ^-?[0-9]+$ ]]; then
		th_log "the guest's exit code '$TH_LAST_EXIT' is not a number (exit status 125)"
		return 125
	fi
	return $((${TH_LAST_EXIT:-0} & 255))
}

th_run_init() {
	TH_STREAM=0 TH_TIMEOUT=60 TH_READY='' TH_DONE='' TH_FATAL='' TH_HUNG='' TH_MISSING=''
	TH_DAMAGED='' TH_CUT='' TH_CUR='' TH_QPID='' TH_TAIL_FD='' TH_STAGE=''
	TH_LAST_STATE='' TH_LAST_EXIT=''
	declare -gA TH_SEEN=() TH_STARTED=() TH_ENDED=()
	TH_JOBNAMES=()
}

th_parse_run_args() {
	while [ $# -gt 0 ]; do
		case $1 in
		--stream) TH_STREAM=1 ;;
		--timeout)
			if ! [[ ${2:-} =~ ^[0-9]+$ ]] || [ "$2" -eq 0 ]; then
				echo "[testhost] --timeout wants a whole number of seconds" >&2
				exit 2
			fi
			TH_TIMEOUT=$2
			shift
			;;
		--) shift; break ;;
		-*) th_usage ;;
		*) break ;;
		esac
		shift
	done
	[ $# -ge 2 ] || th_usage
	TH_OUT=$1
	shift
	TH_ARGS=("$@")
}

# Boot QEMU in the background and decode its serial log as it grows.
th_boot() {
	"${TH_QEMU[@]}" -monitor none -serial "file:$TH_STAGE/serial.log" \
		< /dev/null > "$TH_STAGE/qemu.out" 2>&1 &
	TH_QPID=$!
	th_follow "$TH_STAGE/serial.log"
	if [ -n "$TH_QPID" ]; then
		wait "$TH_QPID"
		TH_QPID=''
	fi
	tr -d '\r' < "$TH_STAGE/serial.log" > "$TH_OUT/testhost.log"
	if [ -s "$TH_STAGE/qemu.out" ]; then
		[ -n "$TH_READY" ] || th_log "QEMU said: $(head -n 3 "$TH_STAGE/qemu.out")"
		{ echo "--- QEMU's own output:"; cat "$TH_STAGE/qemu.out"; } >> "$TH_OUT/testhost.log"
	fi
}

# 0 if every job ran and its results arrived intact.
th_verdict() {
	th_fill_missing
	if [ -z "$TH_DONE" ] || [ -n "$TH_FATAL$TH_HUNG$TH_MISSING" ]; then
		th_log "error: the test host did not finish its jobs (see $TH_OUT/testhost.log)"
		return 1
	fi
	if [ -n "$TH_DAMAGED" ]; then
		th_log "error: some results arrived damaged over the serial line (see $TH_OUT/testhost.log)"
		return 1
	fi
	return 0
}

# testhost.sh run [--stream] [--timeout SECONDS] OUTDIR JOBDIR...
th_run() {
	local j rc mode=${TH_RUN_MODE:-jobs}
	th_run_init
	th_parse_run_args "$@"
	for j in "${TH_ARGS[@]}"; do
		th_check_job "$j"
		TH_JOBNAMES+=("$(basename "$j")")
	done
	mkdir -p "$TH_OUT" || th_die "cannot create $TH_OUT"
	TH_OUT=$(cd "$TH_OUT" && pwd)
	for j in "${TH_ARGS[@]}"; do
		[ "$(cd "$j" && pwd)" != "$TH_OUT/$(basename "$j")" ] ||
			th_die "the results of job $j would overwrite it: choose another OUTDIR"
	done
	for j in "${TH_JOBNAMES[@]}"; do
		rm -rf "${TH_OUT:?}/$j"
	done
	TH_STAGE=$(mktemp -d /tmp/skiff-testhost.XXXXXX) || th_die "mktemp failed"
	trap 'th_cleanup; exit 130' INT TERM
	trap th_cleanup EXIT
	th_prepare "$TH_STAGE"
	th_stage_jobs "$mode" "${TH_ARGS[@]}"
	th_qemu_args
	: > "$TH_STAGE/serial.log"
	th_log "booting Xen + dom0 (${#TH_JOBNAMES[@]} job(s), timeout ${TH_TIMEOUT} s each)"
	th_now
	TH_T0=$TH_NOW
	TH_DEADLINE=$((TH_NOW + TH_BOOT_BUDGET * 1000))
	if [ "$mode" = shell ]; then
		"${TH_QEMU[@]}" -serial mon:stdio
		return
	fi
	th_boot
	th_verdict
	rc=$?
	th_now
	th_log "test host done after $(th_secs $((TH_NOW - TH_T0))) s"
	if [ "$TH_STREAM" = 1 ]; then
		[ $rc -eq 0 ] || return 125
		th_stream_status
		return
	fi
	return $rc
}
