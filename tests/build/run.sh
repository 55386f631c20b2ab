#!/usr/bin/env bash
# Build-level tests: what `make APP=...` and `make lib` produce, checked
# without booting anything. The image must be an ELF64 with the Xen notes
# a PV loader needs, linked in the top 2 GiB with W^X segments; the xl
# config must boot it; an app outside the tree must build, both through
# APP=path and through build/skiff.mk (make lib).
#   tests/build/run.sh OUTDIR     writes "PASSED FAILED" to OUTDIR/summary
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
# Absolute: the tests compare it with paths that make prints.
out=$(mkdir -p "$1" && cd "$1" && pwd) || exit 2
passed=0 failed=0
# shellcheck source=tests/build/notes.sh
. "$here/notes.sh"
# shellcheck source=tests/build/image.sh
. "$here/image.sh"

check() { # name function
	local why
	echo "[ RUN  ] $1"
	if why=$("$2" 2>&1); then
		echo "[  OK  ] $1"
		passed=$((passed + 1))
	else
		echo "[ FAIL ] $1: $why" | head -n 5
		failed=$((failed + 1))
	fi
}

# The descriptor of note TYPE in $notes, as hex.
note() { awk -v t="$1" '$1 == t { print $2; exit }' <<< "$notes"; }

# Expect note TYPE to hold the NUL-terminated string TEXT.
note_is_string() { # type text
	local want
	want=$(printf '%s\0' "$2" | od -An -v -t x1 | tr -d ' \n')
	[[ $(note "$1") == "$want"* ]] || { echo "note $1 is '$(note "$1")', expected '$2'"; return 1; }
}

# Expect note TYPE to hold a 64-bit address at or above the top 2 GiB.
note_is_high_address() { # type
	local d
	d=$(note "$1")
	# Little-endian bytes: the top four are ff, the next has its top bit.
	[ ${#d} -eq 16 ] || { echo "note $1 missing or not 8 bytes: '$d'"; return 1; }
	[[ ${d:8:8} == ffffffff && ${d:6:1} =~ ^[89a-f]$ ]] || { echo "note $1 = $d is not in the top 2 GiB"; return 1; }
}

image_notes() {
	local img=$top/build/hello/hello
	readelf -h "$img" | grep -q 'Class:.*ELF64' || { echo "not ELF64"; return 1; }
	notes=$(xen_notes "$img") || return 1
	note_is_string 6 Skiff && note_is_string 5 xen-3.0 && note_is_string 8 generic &&
		note_is_high_address 1 && note_is_high_address 2 && note_is_high_address 3
}

image_segments() {
	local img=$top/build/hello/hello flags
	# Every LOAD segment in the top 2 GiB, none both writable and executable.
	while read -r _ _ vaddr _ _ _ flags; do
		[[ $vaddr == 0xffffffff8* ]] || { echo "segment at $vaddr is not in the top 2 GiB"; return 1; }
		[[ $flags == *W*E* ]] && { echo "segment at $vaddr is writable and executable"; return 1; }
	done < <(readelf -lW "$img" | awk '$1 == "LOAD" { $NF = ""; print $1, $2, $3, $4, $5, $6, $7 $8 $9 }')
	readelf -lW "$img" | grep -q 'LOAD.* R E ' || { echo "no read-only executable text segment"; return 1; }
}

image_gz_and_cfg() {
	local d=$top/build/hello
	gzip -t "$d/hello.gz" || return 1
	strip -o "$out/hello.stripped" "$d/hello" &&
		cmp -s <(gzip -dc "$d/hello.gz") "$out/hello.stripped" ||
		{ echo "hello.gz is not the stripped image"; return 1; }
	grep -qx 'type = "pv"' "$d/hello.cfg" && grep -qx 'name = "hello"' "$d/hello.cfg" &&
		grep -qx 'on_crash = "preserve"' "$d/hello.cfg" && grep -q '^memory = [0-9]' "$d/hello.cfg" &&
		grep -qx "kernel = \"$d/hello.gz\"" "$d/hello.cfg" || { echo "hello.cfg lacks a required line"; return 1; }
}

# An app folder outside the tree, built with APP=path.
out_of_tree_app() {
	local app=$out/elsewhere/oot-app
	rm -rf "$out/elsewhere" && mkdir -p "$app"
	printf '#include <stdio.h>\nint main(void) { puts("outside"); return 0; }\n' > "$app/main.c"
	printf "APP_SRCS := main.c\\nAPP_EXTRA := a 'b c'\\n" > "$app/app.mk"
	make -s -C "$top" APP="$app" > "$out/oot-app.log" 2>&1 || { tail -n 5 "$out/oot-app.log"; return 1; }
	[ -f "$top/build/oot-app/oot-app.gz" ] || { echo "no build/oot-app/oot-app.gz"; return 1; }
	grep -qx "extra = \"a 'b c'\"" "$top/build/oot-app/oot-app.cfg" ||
		{ echo "oot-app.cfg: no extra = \"a 'b c'\" line"; return 1; }
}

# Whether the image's symbol table (nm output in FILE) has functions of a
# subsystem: lwIP, netfront, blkfront, the Linux shim.
has_lwip() { grep -Eq ' [tT] (skiff\.)?(tcp_input|lwip_socket|netif_add)$' "$1"; }
has_netfront() { grep -Eq ' [tT] (skiff\.)?netfront_' "$1"; }
has_blkfront() { grep -Eq ' [tT] (skiff\.)?blkfront_' "$1"; }
has_linux_shim() { grep -Eq ' [tT] (skiff\.)?linux_syscall' "$1"; }
has_random() { grep -Eq ' [tT] (skiff\.)?(random_bytes|chacha20_block)$' "$1"; }

# An image carries only the subsystems its app uses: hello (printf) has
# no network stack, no frontend and no Linux shim; an app that calls
# socket() has lwIP and netfront, one that opens a path has blkfront, one
# that only declares vifs (APP_VIFS) has the network all the same; only
# one that asks for random bytes has the generator.
pay_for_use() {
	local app=$out/elsewhere/uses nm=$out/uses.nm kind
	nm "$top/build/hello/hello" > "$nm" || return 1
	! has_lwip "$nm" || { echo "hello has lwIP"; return 1; }
	! has_netfront "$nm" || { echo "hello has netfront"; return 1; }
	! has_blkfront "$nm" || { echo "hello has blkfront"; return 1; }
	! has_linux_shim "$nm" || { echo "hello has the Linux shim"; return 1; }
	! has_random "$nm" || { echo "hello has the random generator"; return 1; }
	for kind in socket fopen vifs entropy; do
		rm -rf "$app-$kind" "$top/build/uses-$kind" && mkdir -p "$app-$kind"
		printf 'APP_SRCS := main.c\n' > "$app-$kind/app.mk"
		case $kind in
		socket) printf '#include <sys/socket.h>\nint main(void) { return socket(AF_INET, SOCK_STREAM, 0) < 0; }\n' ;;
		fopen) printf '#include <stdio.h>\nint main(void) { return !fopen("/dev/xvda", "r"); }\n' ;;
		vifs) printf 'APP_VIFS := bridge=xenbr0\n' >> "$app-$kind/app.mk"
			printf 'int main(void) { return 0; }\n' ;;
		entropy) printf '#include <unistd.h>\nint main(void) { char b[16]; return getentropy(b, 16); }\n' ;;
		esac > "$app-$kind/main.c"
		make -s -C "$top" APP="$app-$kind" > "$out/uses-$kind.log" 2>&1 ||
			{ tail -n 5 "$out/uses-$kind.log"; return 1; }
		nm "$top/build/uses-$kind/uses-$kind" > "$nm" || return 1
		case $kind in
		socket | vifs)
			has_lwip "$nm" && has_netfront "$nm" || { echo "$kind: no lwIP or netfront"; return 1; }
			! has_blkfront "$nm" || { echo "$kind brought blkfront"; return 1; } ;;
		fopen)
			has_blkfront "$nm" || { echo "fopen(): no blkfront"; return 1; }
			! has_lwip "$nm" && ! has_netfront "$nm" || { echo "fopen() brought the network"; return 1; } ;;
		entropy)
			has_random "$nm" || { echo "getentropy(): no generator"; return 1; }
			! has_lwip "$nm" && ! has_blkfront "$nm" || { echo "getentropy() brought the network or disks"; return 1; } ;;
		esac
	done
}

# A runtime port or app with its own Makefile, linking build/libminios.a
# through build/skiff.mk as docs/linking.md describes.
skiff_mk_link() {
	local d=$out/skiffmk
	rm -rf "$d" && mkdir -p "$d"
	make -s -C "$top" lib > "$d/lib.log" 2>&1 || { tail -n 5 "$d/lib.log"; return 1; }
	# It defines names the library uses inside (the kernel's, lwIP's):
	# they must not collide with the library's.
	cat > "$d/main.c" <<'C'
#include <stdio.h>
#include <skiff/memory.h>
__attribute__((noinline)) int thread_create(void) { return 1; }
int schedule(void) { return 2; }
int netif_add(void) { return 3; }
int main(void)
{
	printf("%zu %d\n", skiff_memory_total(),
	       thread_create() + schedule() + netif_add());
	return 0;
}
C
	cat > "$d/Makefile" <<MK
include $top/build/skiff.mk
app: main.c
	gcc \$(SKIFF_CFLAGS) -c -o main.o main.c
	ld \$(SKIFF_LDFLAGS) -o app.pass1 main.o \$(SKIFF_LIBS)
	\$(SKIFF_KSYMS) app.pass1 > ksyms.S && gcc -c ksyms.S
	ld \$(SKIFF_LDFLAGS) -o app main.o ksyms.o \$(SKIFF_LIBS)
	\$(SKIFF_KSYMS) --check app.pass1 app
	\$(SKIFF_SPLITGS) app
MK
	make -s -C "$d" app > "$d/build.log" 2>&1 || { tail -n 5 "$d/build.log"; return 1; }
	notes=$(xen_notes "$d/app") || return 1
	note_is_string 6 Skiff && note_is_high_address 1 || return 1
	# (nm into a file: grep -q closing a pipe early would fail it.)
	nm "$d/app" > "$d/nm.txt" || return 1
	grep -q ' T main$' "$d/nm.txt" || { echo "main not linked"; return 1; }
	# The app's own thread_create() and the kernel's, renamed, are both
	# there.
	grep -q ' T thread_create$' "$d/nm.txt" || { echo "the app's thread_create is missing"; return 1; }
	grep -q ' T skiff.thread_create$' "$d/nm.txt" || { echo "the kernel's thread_create is missing"; return 1; }
}

# APP_VIFS: each word one quoted vif spec; malformed specs, unknown keys,
# a MAC or an ip of the wrong shape stop the build with a message.
vif_cfg() {
	local mk=$top/tools/mkcfg.sh cfg bad
	cfg=$("$mk" n k 32 "" "bridge=xenbr0,ip=169.254.1.2 bridge=xenbr0,mac=00:16:3e:0a:0b:0c") || return 1
	grep -qx "vif = \[ 'bridge=xenbr0,ip=169.254.1.2','bridge=xenbr0,mac=00:16:3e:0a:0b:0c' \]" <<< "$cfg" ||
		{ echo "unexpected vif line: $(grep vif <<< "$cfg")"; return 1; }
	cfg=$("$mk" n k 32 "" "") || return 1
	! grep -q '^vif' <<< "$cfg" || { echo "a vif line without APP_VIFS"; return 1; }
	for bad in "ip=1.2.3" "ip=300.1.1.1" "mac=00:16:3e:0a:0b" "mac=zz:16:3e:0a:0b:0c" "colour=red" \
		"bridge" "bridge=xenbr0,,ip=1.2.3.4" ",bridge=x" "bridge='x'" 'bridge="x"'; do
		"$mk" n k 32 "" "$bad" > /dev/null 2> "$out/vif.err" &&
			{ echo "APP_VIFS '$bad' accepted"; return 1; }
		grep -q '^mkcfg: ' "$out/vif.err" || { echo "APP_VIFS '$bad': no message"; return 1; }
	done
	# Through make: an app.mk with APP_VIFS.
	local app=$out/elsewhere/vif-app
	rm -rf "$app" && mkdir -p "$app"
	printf 'int main(void) { return 0; }\n' > "$app/main.c"
	printf 'APP_SRCS := main.c\nAPP_VIFS := bridge=xenbr0,ip=169.254.9.9 bridge=xenbr0\n' > "$app/app.mk"
	make -s -C "$top" APP="$app" > "$out/vif-app.log" 2>&1 || { tail -n 5 "$out/vif-app.log"; return 1; }
	grep -qx "vif = \[ 'bridge=xenbr0,ip=169.254.9.9','bridge=xenbr0' \]" "$top/build/vif-app/vif-app.cfg" ||
		{ echo "vif-app.cfg: no vif line"; return 1; }
	printf 'APP_SRCS := main.c\nAPP_VIFS := mac=nope\n' > "$app/app.mk"
	! make -s -C "$top" APP="$app" > "$out/vif-app.log" 2>&1 || { echo "make accepted mac=nope"; return 1; }
	grep -q "mkcfg: bad MAC 'nope'" "$out/vif-app.log" || { echo "make: no message for mac=nope"; return 1; }
}

# APP_MAXMEM: the config's maxmem line (room to balloon up to), none
# without it; not a number, or below APP_MEMORY, stops the build.
maxmem_cfg() {
	local mk=$top/tools/mkcfg.sh cfg bad
	cfg=$("$mk" --maxmem=96 n k 64 "") || return 1
	grep -qx 'maxmem = 96' <<< "$cfg" || { echo "no 'maxmem = 96' line"; return 1; }
	grep -qx 'memory = 64' <<< "$cfg" || { echo "no 'memory = 64' line"; return 1; }
	cfg=$("$mk" n k 64 "") || return 1
	! grep -q '^maxmem' <<< "$cfg" || { echo "a maxmem line without APP_MAXMEM"; return 1; }
	for bad in 32 12x -5 ' '; do
		"$mk" --maxmem="$bad" n k 64 "" > /dev/null 2> "$out/maxmem.err" &&
			{ echo "APP_MAXMEM '$bad' accepted"; return 1; }
		grep -q '^mkcfg: APP_MAXMEM' "$out/maxmem.err" || { echo "APP_MAXMEM '$bad': no message"; return 1; }
	done
	return 0
}

# APP_FILES: a reproducible newc archive of the folder, named by the xl
# config's ramdisk line; mkcfg refuses a path xl would misread or a
# missing file.
ramdisk_cfg() {
	local mk=$top/tools/mkcfg.sh app=$out/elsewhere/files-app cfg sum
	"$mk" --ramdisk="$mk" n k 32 "" | grep -qx "ramdisk = \"$mk\"" ||
		{ echo "mkcfg --ramdisk: no ramdisk line"; return 1; }
	! "$mk" --ramdisk='/a"b' n k 32 "" > /dev/null 2>&1 || { echo "mkcfg accepted a quote"; return 1; }
	! "$mk" --ramdisk=/no/such.cpio n k 32 "" > /dev/null 2>&1 || { echo "mkcfg accepted a missing file"; return 1; }
	rm -rf "$app" && mkdir -p "$app/root/etc"
	printf 'int main(void) { return 0; }\n' > "$app/main.c"
	printf 'APP_SRCS := main.c\nAPP_FILES := root\n' > "$app/app.mk"
	printf 'key = value\n' > "$app/root/etc/conf"
	make -s -C "$top" APP="$app" > "$out/files-app.log" 2>&1 || { tail -n 5 "$out/files-app.log"; return 1; }
	cfg=$top/build/files-app/files-app.cfg
	grep -qx "ramdisk = \"$top/build/files-app/files-app.cpio\"" "$cfg" || { echo "files-app.cfg: no ramdisk line"; return 1; }
	[ "$(cpio -it --quiet < "$top/build/files-app/files-app.cpio" | tr '\n' ' ')" = ". etc etc/conf " ] ||
		{ echo "files-app.cpio: unexpected names"; return 1; }
	sum=$(md5sum < "$top/build/files-app/files-app.cpio")
	touch "$app/root/etc/conf"
	make -s -C "$top" APP="$app" > "$out/files-app.log" 2>&1 || { tail -n 5 "$out/files-app.log"; return 1; }
	[ "$(md5sum < "$top/build/files-app/files-app.cpio")" = "$sum" ] || { echo "the archive is not reproducible"; return 1; }
	printf 'APP_SRCS := main.c\n' > "$app/app.mk"
	make -s -C "$top" APP="$app" > "$out/files-app.log" 2>&1 || { tail -n 5 "$out/files-app.log"; return 1; }
	! grep -q '^ramdisk' "$cfg" || { echo "a ramdisk line without APP_FILES"; return 1; }
}

# LINUX_BINARY: a static binary is embedded byte for byte, page-aligned,
# between linux_binary_start and linux_binary_end; a dynamically linked
# or non-x86-64 one stops the build with the file's name and the reason.
linux_binary() {
	local app=$out/elsewhere/linux-app img=$top/build/linux-app/linux-app
	local start end sec addr off
	rm -rf "$app" && mkdir -p "$app"
	printf 'int main(void) { return 0; }\n' > "$app/prog.c"
	gcc -O1 -static -o "$app/prog" "$app/prog.c" || return 1
	printf 'LINUX_BINARY := prog\nAPP_EXTRA := a b\n' > "$app/app.mk"
	make -s -C "$top" APP="$app" > "$out/linux-app.log" 2>&1 || { tail -n 5 "$out/linux-app.log"; return 1; }
	grep -q 'ELF .*prog: static x86-64 Linux executable, entry 0x' "$out/linux-app.log" ||
		{ echo "no elfcheck line for prog"; return 1; }
	nm "$img" > "$out/linux-app.nm" || return 1
	start=$(awk '$3 == "linux_binary_start" { print $1 }' "$out/linux-app.nm")
	end=$(awk '$3 == "linux_binary_end" { print $1 }' "$out/linux-app.nm")
	[ -n "$start" ] && [ -n "$end" ] || { echo "no linux_binary_start/end"; return 1; }
	[ $((0x$start % 4096)) -eq 0 ] || { echo "linux_binary_start $start is not page-aligned"; return 1; }
	[ $((0x$end - 0x$start)) -eq "$(stat -c %s "$app/prog")" ] || { echo "embedded size differs from prog"; return 1; }
	# File offset of the start: through the section that holds it.
	sec=$(readelf -SW "$img" | sed 's/^ *\[ *[0-9]*\] *//' | awk '$1 == ".rodata" { print $3, $4 }')
	read -r addr off <<< "$sec"
	dd if="$img" bs=1 skip=$((0x$off + 0x$start - 0x$addr)) count=$((0x$end - 0x$start)) 2> /dev/null |
		cmp -s - "$app/prog" || { echo "the embedded bytes are not prog's"; return 1; }
	grep -q ' T main$' "$out/linux-app.nm" || { echo "the port's main is missing"; return 1; }
	# Refused: dynamic, not x86-64, and both APP_SRCS and LINUX_BINARY.
	gcc -O1 -o "$app/prog" "$app/prog.c" || return 1
	! make -s -C "$top" APP="$app" > "$out/linux-app.log" 2>&1 || { echo "a dynamic binary was accepted"; return 1; }
	grep -q "error: .*/linux-app/prog: .*dynamically linked (has PT_INTERP" "$out/linux-app.log" ||
		{ echo "no reason for the dynamic binary: $(tail -n 2 "$out/linux-app.log")"; return 1; }
	gcc -O1 -static -o "$app/prog" "$app/prog.c" && printf '\267' | dd of="$app/prog" bs=1 seek=18 conv=notrunc 2> /dev/null
	! make -s -C "$top" APP="$app" > "$out/linux-app.log" 2>&1 || { echo "an AArch64 header was accepted"; return 1; }
	grep -q "error: .*/linux-app/prog: .*not x86-64 (machine 183)" "$out/linux-app.log" ||
		{ echo "no reason for machine 183: $(tail -n 2 "$out/linux-app.log")"; return 1; }
	printf 'LINUX_BINARY := prog\nAPP_SRCS := prog.c\n' > "$app/app.mk"
	! make -s -C "$top" APP="$app" > "$out/linux-app.log" 2>&1 || { echo "APP_SRCS with LINUX_BINARY accepted"; return 1; }
	grep -q 'has no APP_SRCS' "$out/linux-app.log" || { echo "no message for APP_SRCS with LINUX_BINARY"; return 1; }
}

# The TLS template the linker script builds: the offsets the linker puts
# into local-exec accesses (thread pointer minus its own TLS size plus the
# variable's place in the template) must agree with the script's
# __tls_size, for a .tdata, a .tbss and an over-aligned variable; the boot
# thread's block (ending at arch_boot_tcb) must keep that alignment; an
# image without TLS (hello) must have none.
tls_offsets() {
	local d=$out/tls-link var want got val size align tcb
	mkdir -p "$d"
	cat > "$d/t.c" << 'C'
__thread long a = 5;
_Alignas(128) __thread char b[5];
__thread char c;
#define TPOFF(x) \
	long tpoff_##x(void) \
	{ \
		long v; \
		__asm__("movq $" #x "@tpoff, %0" : "=r"(v)); \
		return v; \
	}
TPOFF(a)
TPOFF(b)
TPOFF(c)
void _start(void) {}
C
	gcc -O2 -ffreestanding -fno-pie -fno-pic -mcmodel=kernel -c -o "$d/t.o" "$d/t.c" &&
		ld -nostdlib -static -z max-page-size=4096 --no-warn-rwx-segments \
			-T "$top/arch/x86_64/skiff.lds" -o "$d/t.elf" "$d/t.o" || return 1
	sym() { nm "$d/t.elf" | awk -v s="$1" '$3 == s { print "0x" $1; exit }'; }
	size=$(($(sym __tls_size))) align=$(($(sym __tls_align))) tcb=$(($(sym arch_boot_tcb)))
	[ "$align" -eq 128 ] || { echo "__tls_align is $align, expected 128"; return 1; }
	[ $((size % align)) -eq 0 ] && [ "$size" -ge 136 ] || { echo "__tls_size $size"; return 1; }
	[ $(((tcb - size) % align)) -eq 0 ] || { echo "the boot TLS block is not $align-aligned"; return 1; }
	readelf -lW "$d/t.elf" | grep -Eq '^ *TLS .* 0x80$' || { echo "no PT_TLS aligned to 128"; return 1; }
	for var in a b c; do
		val=$(($(sym "$var")))
		want=$((val - size))
		got=$(objdump -d "$d/t.elf" | awk -v f="<tpoff_$var>:" '$2 == f { getline; print; exit }' |
			grep -Eo '\$0x[0-9a-f]+' | tr -d '$')
		[ -n "$got" ] || { echo "no tpoff in tpoff_$var"; return 1; }
		# A 32-bit immediate, sign-extended.
		got=$((got >= 0x80000000 ? got - 0x100000000 : got))
		[ "$got" -eq "$want" ] || { echo "$var: linker offset $got, layout expects $want"; return 1; }
	done
	[ $(($(nm "$top/build/hello/hello" | awk '$3 == "__tls_size" { print "0x" $1 }'))) -eq 0 ] ||
		{ echo "hello has a TLS block"; return 1; }
}

# The split-stack checks read the stack limit at %gs:0x70 (docs/design.md,
# "Stack overflow"): no image's code may still read %fs:0x70. hello and an
# image that embeds a Linux binary built with -fsplit-stack (whose own
# %fs:0x70 compares are data to Skiff and must stay byte for byte); the
# latter's kernel side reads FS nowhere at all, which lets system calls
# keep the program's FS base (docs/usermode.md). splitgs.sh itself moves
# a compare and refuses another read of %fs:0x70.
fs_stack_checks() {
	local app=$out/elsewhere/ss-app img=$top/build/ss-app/ss-app d=$out/splitgs
	local start end addr off
	img_checks() { # image
		objdump -d --no-show-raw-insn "$1" > "$out/ss.dis" || return 1
		! grep -q '%fs:0x70' "$out/ss.dis" || { echo "$1 reads %fs:0x70: $(grep -m1 '%fs:0x70' "$out/ss.dis")"; return 1; }
		[ "$(grep -Ec 'cmp +%gs:0x70,%(rsp|r11|rax)' "$out/ss.dis")" -gt 100 ] ||
			{ echo "$1: too few %gs:0x70 split-stack compares"; return 1; }
	}
	img_checks "$top/build/hello/hello" || return 1
	rm -rf "$app" && mkdir -p "$app"
	printf 'int f(int x);
int main(int c, char **v) { (void)v; return f(c); }
int f(int x) { char a[5000]; a[x] = (char)x; return a[x / 2]; }
' > "$app/prog.c"
	gcc -O1 -static -fsplit-stack -o "$app/prog" "$app/prog.c" || return 1
	objdump -d "$app/prog" > "$out/ss-prog.dis" || return 1
	grep -q 'cmp .*%fs:0x70' "$out/ss-prog.dis" || { echo "gcc -fsplit-stack wrote no %fs:0x70 compare"; return 1; }
	printf 'LINUX_BINARY := prog
' > "$app/app.mk"
	make -s -C "$top" APP="$app" > "$out/ss-app.log" 2>&1 || { tail -n 5 "$out/ss-app.log"; return 1; }
	img_checks "$img" || return 1
	! grep -q '%fs:' "$out/ss.dis" || { echo "the Linux-binary image reads FS: $(grep -m1 '%fs:' "$out/ss.dis")"; return 1; }
	nm "$img" > "$out/ss-app.nm" || return 1
	start=$(awk '$3 == "linux_binary_start" { print $1 }' "$out/ss-app.nm")
	end=$(awk '$3 == "linux_binary_end" { print $1 }' "$out/ss-app.nm")
	read -r addr off <<< "$(readelf -SW "$img" | sed 's/^ *\[ *[0-9]*\] *//' | awk '$1 == ".rodata" { print $3, $4 }')"
	dd if="$img" bs=1 skip=$((0x$off + 0x$start - 0x$addr)) count=$((0x$end - 0x$start)) 2> /dev/null |
		cmp -s - "$app/prog" || { echo "the embedded binary was changed"; return 1; }
	# The script on its own: a compare moves, a load is refused by name.
	mkdir -p "$d"
	printf '.globl _start\n_start: cmp %%fs:0x70, %%rsp\n\tcmp %%fs:0x70, %%r11\n\tret\n' > "$d/ok.s"
	printf '.globl _start\n_start: mov %%fs:0x70, %%rax\n\tret\n' > "$d/bad.s"
	for f in ok bad; do
		gcc -c -o "$d/$f.o" "$d/$f.s" && ld -nostdlib -static -e _start -o "$d/$f" "$d/$f.o" || return 1
	done
	"$top/tools/splitgs.sh" "$top/build/tools/splitgs" "$d/ok" || return 1
	[ "$(objdump -d "$d/ok" | grep -c 'cmp    %gs:0x70')" -eq 2 ] || { echo "splitgs moved not both compares"; return 1; }
	! "$top/tools/splitgs.sh" "$top/build/tools/splitgs" "$d/bad" 2> "$d/bad.err" || { echo "a mov from %fs:0x70 was accepted"; return 1; }
	grep -q '<_start>:.*mov .*%fs:0x70' "$d/bad.err" || { echo "no message naming the mov: $(head -n 2 "$d/bad.err")"; return 1; }
	! "$top/build/tools/splitgs" "$d/ok.s" 2> /dev/null || { echo "splitgs took a file that is not ELF"; return 1; }
}

# GO_VERSION: app.mk's choice, make's command line over it, the default,
# each seen in the embedded binary's Go version; an unknown one stops the
# build naming the versions there are.
go_version() {
	local app=$out/elsewhere/go-app bin=$top/build/go-app/go-app.linux
	rm -rf "$app" && mkdir -p "$app"
	printf 'package main\n\nfunc main() { println("go-app") }\n' > "$app/main.go"
	built_by() { # version [make arguments]
		local v=$1
		shift
		make -s -C "$top" APP="$app" "$@" > "$out/go-app.log" 2>&1 || { tail -n 5 "$out/go-app.log"; return 1; }
		grep -aqF "go$v." "$bin" || { echo "go-app $*: not built by Go $v"; return 1; }
	}
	printf 'GO_MAIN := main.go\n' > "$app/app.mk"
	built_by 1.19 || return 1
	printf 'GO_MAIN := main.go\nGO_VERSION := 1.23\n' > "$app/app.mk"
	built_by 1.23 && built_by 1.19 GO_VERSION=1.19 || return 1
	printf 'GO_MAIN := main.go\nGO_VERSION := 1.20\n' > "$app/app.mk"
	! make -s -C "$top" APP="$app" > "$out/go-app.log" 2>&1 || { echo "GO_VERSION 1.20 was accepted"; return 1; }
	grep -q "go-app/app.mk: GO_VERSION '1.20' is not a Go Skiff builds with; choose one of: 1.19 1.21 1.22 1.23" "$out/go-app.log" ||
		{ echo "no clear message for GO_VERSION 1.20: $(tail -n 2 "$out/go-app.log")"; return 1; }
}

# GO_TEST: a standard-library package's tests as the binary (it lists
# them when run here), its folder with testdata/ and without its
# sub-packages as the ramdisk; the clashes and a bad path are named.
go_test() {
	local app=$out/elsewhere/gotest-app d=$top/build/gotest-app list
	rm -rf "$app" && mkdir -p "$app"
	printf 'GO_TEST := os\nGO_VERSION := 1.23\n' > "$app/app.mk"
	make -s -C "$top" APP="$app" > "$out/gotest-app.log" 2>&1 || { tail -n 5 "$out/gotest-app.log"; return 1; }
	grep -aqF "go1.23." "$d/gotest-app.linux" || { echo "gotest-app: not built by Go 1.23"; return 1; }
	"$d/gotest-app.linux" -test.list '^TestMkdirTemp$' | grep -qx TestMkdirTemp ||
		{ echo "gotest-app.linux does not list os's TestMkdirTemp"; return 1; }
	list=$(cpio -it --quiet < "$d/gotest-app.cpio") || { echo "no ramdisk"; return 1; }
	grep -qx 'os_test.go' <<< "$list" && grep -q '^testdata/' <<< "$list" ||
		{ echo "the ramdisk lacks os_test.go or testdata/"; return 1; }
	! grep -q '^\(exec\|signal\)\(/\|$\)' <<< "$list" || { echo "the ramdisk holds the sub-package os/exec"; return 1; }
	bad() { # message app.mk-lines
		printf '%b' "$2" > "$app/app.mk"
		! make -s -C "$top" APP="$app" > "$out/gotest-app.log" 2>&1 || { echo "accepted: $2"; return 1; }
		grep -qF "$1" "$out/gotest-app.log" || { echo "no clear message for $2: $(tail -n 2 "$out/gotest-app.log")"; return 1; }
	}
	bad "set only one of LINUX_BINARY, GO_MAIN, GO_TEST, MUSL_SRCS" 'GO_TEST := os\nGO_MAIN := .\n' &&
		bad "an app with GO_TEST has no APP_FILES" 'GO_TEST := os\nAPP_FILES := files\n' &&
		bad "GO_TEST '../os' is not a standard-library package path" 'GO_TEST := ../os\n'
}

mkdir -p "$out"
make -s -C "$top" APP=hello > "$out/hello-build.log" 2>&1 || { cat "$out/hello-build.log"; }
check image.elf-notes image_notes
check image.segments image_segments
check image.gz-and-cfg image_gz_and_cfg
check image.pays-for-what-it-uses pay_for_use
check build.out-of-tree-app out_of_tree_app
check build.skiff-mk-link skiff_mk_link
check cfg.vifs vif_cfg
check cfg.maxmem maxmem_cfg
check cfg.ramdisk ramdisk_cfg
check build.linux-binary linux_binary
check link.tls-offsets tls_offsets
check image.no-fs-stack-checks fs_stack_checks
check build.go-version go_version
check build.go-test go_test
check image.disk-image disk_image
echo "$passed $failed" > "$out/summary"
[ "$failed" -eq 0 ]
