# Skiff: a Xen PV unikernel library OS.
#
#   make APP=hello        build build/hello/{hello,hello.gz,hello.cfg}
#   make run APP=hello    build it and boot it on the built-in Xen test host
#   make test             host unit tests, fuzzers (20 s each) + guest tests
#                         on the test host
#   make fuzz             every fuzzer for FUZZ_TIME seconds (default 60;
#                         FUZZ="name ..." runs only those; docs/testing.md)
#   make test-go GO_VERSION=1.21
#                         the Go guest tests built with that Go
#   make lib              build/libminios.a + headers for out-of-tree apps
#   make bench            measurements recorded in docs/benchmarks.md
#                         (BENCH="name ..." runs only those)
#
# APP is the name of a folder under examples/ (or tests/guest/), or a path
# to an app folder anywhere. Dependencies are built once into SKIFF_CACHE.

SKIFF := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
APP ?= hello
SKIFF_CACHE ?= $(HOME)/.cache/skiff
B := $(SKIFF)/build
V ?= 0
Q := $(if $(filter 1,$(V)),,@)
# A make value as one single-quoted shell word.
shq = '$(subst ','\'',$(1))'
msg = $(if $(filter 1,$(V)),,@printf '  %-7s %s\n' '$(1)' '$(patsubst $(SKIFF)/%,%,$(2))';)

CC := gcc
LD := ld
AR := ar
OBJCOPY := objcopy
READELF := readelf
GCC_INC := $(shell $(CC) -print-file-name=include)
LIBGCC := $(shell $(CC) -print-libgcc-file-name)

.DEFAULT_GOAL := app
.SUFFIXES:
.DELETE_ON_ERROR:

# --- Flags ------------------------------------------------------------------
# Everything runs in the guest kernel's address space (top 2 GiB, no red
# zone: Xen pushes exception frames on the current stack).
# Every function and object in a section of its own, so that the final
# link drops what the app does not reach (--gc-sections).
TARGET_CFLAGS := -O2 -g -fno-pie -fno-pic -mcmodel=kernel -mno-red-zone \
	-ffreestanding -fno-omit-frame-pointer -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-ffunction-sections -fdata-sections
WARN := -Wall -Wextra -Werror -Wmissing-prototypes
# C library, runtime and apps: SSE allowed, per-thread newlib state, and the
# split-stack prologue that checks every frame against the thread's stack
# limit (docs/design.md, "Stack overflow").
LIBC_CFLAGS := $(TARGET_CFLAGS) -fsplit-stack -D__DYNAMIC_REENT__ -D__skiff__

NEWLIB_DEPS := $(SKIFF)/tools/deps/newlib.sh $(sort $(wildcard $(SKIFF)/tools/deps/newlib/*))
NEWLIB_FLAGS_ID := $(shell (echo '$(LIBC_CFLAGS)'; cat $(NEWLIB_DEPS)) | md5sum | cut -c1-8)
NEWLIB := $(SKIFF_CACHE)/newlib-3.3.0-$(NEWLIB_FLAGS_ID)
NEWLIB_STAMP := $(NEWLIB)/.done

# lwIP 2.1.3 from Debian's source package: the patched tree (shared by all
# builds) and the objects, keyed like newlib by everything that shapes them.
LWIP_VERSION := 2.1.3+dfsg1-2
LWIP_SRC := $(SKIFF_CACHE)/lwip-$(LWIP_VERSION)-src
LWIP_DEPS := $(SKIFF)/tools/deps/lwip.sh $(SKIFF)/net/include/lwipopts.h \
	$(sort $(wildcard $(SKIFF)/net/include/arch/*.h)) \
	$(sort $(wildcard $(SKIFF)/tools/deps/lwip/*.patch))
LWIP_FLAGS_ID := $(shell (echo '$(LIBC_CFLAGS) $(NEWLIB_FLAGS_ID)'; cat $(LWIP_DEPS)) | md5sum | cut -c1-8)
LWIP := $(SKIFF_CACHE)/lwip-$(LWIP_VERSION)-$(LWIP_FLAGS_ID)
LWIP_STAMP := $(LWIP)/.done
# Include path for the files that use lwIP's headers (net/, the socket
# layer): Skiff's lwipopts.h and arch/ first, then lwIP's own.
LWIP_INCS := -I$(SKIFF)/net/include -isystem $(LWIP_SRC)/src/include

# libext2fs from Debian's e2fsprogs source package (the ext4 unit): the
# patched tree with its generated headers, and the objects, keyed the
# same way.
E2FS_VERSION := 1.47.0-2
E2FS_SRC := $(SKIFF_CACHE)/e2fsprogs-$(E2FS_VERSION)-src
E2FS_DEPS := $(SKIFF)/tools/deps/e2fsprogs.sh $(sort $(wildcard $(SKIFF)/tools/deps/e2fsprogs/*))
E2FS_CFLAGS := -std=gnu11 $(LIBC_CFLAGS) -nostdinc -isystem $(SKIFF)/include/libc \
	-isystem $(NEWLIB)/include -isystem $(GCC_INC) -w
E2FS_FLAGS_ID := $(shell (echo '$(E2FS_CFLAGS) $(NEWLIB_FLAGS_ID)'; cat $(E2FS_DEPS)) | md5sum | cut -c1-8)
E2FS := $(SKIFF_CACHE)/e2fsprogs-$(E2FS_VERSION)-$(E2FS_FLAGS_ID)
E2FS_STAMP := $(E2FS)/.done
# Include path for Skiff's files that use libext2fs (runtime/ext4*.c).
E2FS_INCS := -isystem $(E2FS_SRC)/lib

XENHDR := $(B)/xenhdr
INCS := -I$(SKIFF)/include -I$(SKIFF)/arch/x86_64/include -isystem $(XENHDR)

# Kernel side (arch, kernel, drivers): general registers only, so an event
# upcall never touches the application's SSE/x87 state.
KERNEL_CFLAGS := -std=gnu11 $(TARGET_CFLAGS) -mgeneral-regs-only -nostdinc \
	-isystem $(GCC_INC) $(INCS) $(WARN)
# Skiff's own C-library headers (include/libc: the Linux-ABI socket
# headers, <poll.h>, ...) come before newlib's.
LIBC_INCS := -isystem $(SKIFF)/include/libc -isystem $(NEWLIB)/include
# runtime/ (and net/) also see the network layer's <skiff_net.h>.
RUNTIME_CFLAGS := -std=gnu11 $(LIBC_CFLAGS) -nostdinc \
	$(LIBC_INCS) -isystem $(GCC_INC) $(INCS) \
	-I$(SKIFF)/net/include $(WARN)
APP_BASE_CFLAGS := -std=gnu11 $(LIBC_CFLAGS) -nostdinc \
	$(LIBC_INCS) -isystem $(GCC_INC) -I$(SKIFF)/include \
	-Wall -Wextra
ASFLAGS := -D__ASSEMBLY__ $(INCS) -nostdinc -isystem $(GCC_INC)

# The host tool that moves GCC's split-stack checks from %fs:0x70 to
# %gs:0x70 in a linked image (docs/design.md, "Stack overflow").
SPLITGS := $(B)/tools/splitgs
$(SPLITGS): $(SKIFF)/tools/splitgs.c
	$(call msg,HOSTCC,$@)mkdir -p $(@D) && $(CC) -std=gnu11 -O2 $(WARN) -o $@ $<

# --- Sources ------------------------------------------------------------------
OBJ := $(B)/obj
obj = $(patsubst $(SKIFF)/%,$(OBJ)/%.o,$(basename $(1)))
KERNEL_SRCS :=
RUNTIME_SRCS :=
# The optional parts of the library (see "libminios.a" below): each
# module.mk adds its sources to the part they belong to; the rest is the
# core. NET_UNIT also takes all of lwIP.
NETDEV_UNIT :=
FILES_UNIT :=
NET_UNIT :=
LINUX_UNIT :=
EXT4_UNIT :=
# Sources (among the above) compiled with $(LWIP_INCS) too, and with
# $(E2FS_INCS).
LWIP_USERS :=
E2FS_USERS :=
EXPORTS :=
include $(SKIFF)/arch/x86_64/module.mk
include $(SKIFF)/kernel/module.mk
include $(SKIFF)/xen/module.mk
include $(SKIFF)/drivers/module.mk
include $(SKIFF)/drivers/xen/module.mk
include $(SKIFF)/net/module.mk
include $(SKIFF)/runtime/module.mk
include $(SKIFF)/runtime/linux/module.mk

KERNEL_OBJS := $(call obj,$(KERNEL_SRCS))
RUNTIME_OBJS := $(call obj,$(RUNTIME_SRCS))
LDS := $(SKIFF)/arch/x86_64/skiff.lds

# --- Dependencies (Debian packages, built once into the cache) --------------
.PHONY: deps deps-build deps-testhost deps-image deps-fuzz
deps-build:
	$(Q)$(SKIFF)/tools/setup.sh build
deps-image:
	$(Q)$(SKIFF)/tools/setup.sh image
deps-testhost:
	$(Q)$(SKIFF)/tools/setup.sh testhost
deps-fuzz:
	$(Q)$(SKIFF)/tools/setup.sh fuzz
deps: deps-build deps-image deps-testhost $(NEWLIB_STAMP) $(LWIP_STAMP) $(E2FS_STAMP)

$(NEWLIB_STAMP): $(NEWLIB_DEPS) | deps-build
	$(Q)$(SKIFF)/tools/deps/newlib.sh $(NEWLIB) '$(LIBC_CFLAGS)'

# lwIP's own files build with the C library's flags (newlib headers, SSE
# allowed) and net/include, without Skiff's warnings.
LWIP_CFLAGS := -std=gnu11 $(LIBC_CFLAGS) -nostdinc -isystem $(NEWLIB)/include \
	-isystem $(GCC_INC) -I$(SKIFF)/net/include -w
$(LWIP_STAMP): $(LWIP_DEPS) $(NEWLIB_STAMP)
	$(Q)$(SKIFF)/tools/deps/lwip.sh $(LWIP_SRC) $(LWIP) '$(LWIP_CFLAGS)'
# The stamp's build makes lwip.o. Said so, or a new lwIP folder (changed
# patches or flags) would make the net unit's pattern rule look
# inapplicable and make would pick another one.
$(LWIP)/lwip.o: $(LWIP_STAMP) ;

$(E2FS_STAMP): $(E2FS_DEPS) $(NEWLIB_STAMP)
	$(Q)$(SKIFF)/tools/deps/e2fsprogs.sh $(E2FS_SRC) $(E2FS) '$(E2FS_CFLAGS)'
$(E2FS)/ext2fs.o: $(E2FS_STAMP) ;

# Xen's public headers, alone on the include path (not all of /usr/include).
$(XENHDR)/xen/xen.h: | deps-build
	$(Q)mkdir -p $(XENHDR) && ln -sfn /usr/include/xen $(XENHDR)/xen

# --- Compilation ------------------------------------------------------------
# Every object depends on a file that holds the compiler flags, rewritten
# only when they change, so changed flags rebuild everything.
FLAGS_FILE := $(B)/cflags
$(shell mkdir -p $(B) && echo '$(KERNEL_CFLAGS) | $(RUNTIME_CFLAGS) | $(LWIP_INCS) | $(APP_BASE_CFLAGS) | $(ASFLAGS)' > $(FLAGS_FILE).new && \
	(cmp -s $(FLAGS_FILE).new $(FLAGS_FILE) || mv $(FLAGS_FILE).new $(FLAGS_FILE)); rm -f $(FLAGS_FILE).new)

$(OBJ)/%.o: $(SKIFF)/%.S $(XENHDR)/xen/xen.h $(FLAGS_FILE)
	$(call msg,AS,$<)mkdir -p $(@D) && $(CC) $(ASFLAGS) -MMD -MP -c -o $@ $<
$(OBJ)/%.o: $(SKIFF)/%.c $(XENHDR)/xen/xen.h $(FLAGS_FILE)
	$(call msg,CC,$<)mkdir -p $(@D) && $(CC) $(if $(filter $<,$(RUNTIME_SRCS) $(LINUX_PORT_SRCS)),$(RUNTIME_CFLAGS),$(KERNEL_CFLAGS)) $(if $(filter $<,$(LWIP_USERS)),$(LWIP_INCS)) $(if $(filter $<,$(E2FS_USERS)),$(E2FS_INCS)) -MMD -MP -c -o $@ $<
$(RUNTIME_OBJS): $(NEWLIB_STAMP)
$(call obj,$(LWIP_USERS)): $(LWIP_STAMP)
$(call obj,$(E2FS_USERS)): $(E2FS_STAMP)

-include $(KERNEL_OBJS:.o=.d) $(RUNTIME_OBJS:.o=.d)

# libminios.a: an archive of a few relocatable objects ("units"), so that
# an image carries only what its app uses. The linker takes a unit only
# when something already linked names one of its symbols, and the final
# link (--gc-sections) drops every function nothing reaches:
#   core    arch, kernel, xen platform, the runtime's core: always linked
#           (the linker script names _start)
#   net     lwIP, its port and the BSD sockets: taken when the app (or the
#           Linux shim) calls socket(), getaddrinfo(), ...
#   netdev  the network device registry, the raw frame API and netfront:
#           taken by net, or by an app using <skiff/netdev.h>
#   files   files by path (open, stat, mkdir, rename, opendir ...): the
#           VFS, the writable root over the ramdisk, /dev with the
#           disks as files, the block device registry,
#           <skiff/blkdev.h> and blkfront: taken when the app opens a path
#           (fopen, the Linux shim's openat) or uses <skiff/blkdev.h>
#   linux   the Linux-binary port (runtime/linux): taken by an app
#           without a main() of its own
#   ext4    ext2/3/4 on disks: libext2fs, its I/O manager and the VFS
#           ops (runtime/ext4*.c): taken when app.mk lists APP_MOUNTS
#           or sets APP_FS := ext4
# A unit's start-up is an initcall (<kernel/init.h>), so it runs exactly
# when the unit is linked. Only the export lists' names keep their names:
# every other global is renamed "skiff.NAME" in all units alike, a name C
# cannot spell, so names like "schedule" or lwIP's "netif_add" never
# collide with an app's.
$(B)/exports.lst: $(EXPORTS)
	$(Q)mkdir -p $(@D) && cat $^ | sed 's/#.*//' | grep -v '^ *$$' > $@
UNITS := core net netdev files linux ext4
UNIT_DIR := $(B)/units
UNIT_SRCS_net := $(NET_UNIT)
UNIT_SRCS_netdev := $(NETDEV_UNIT)
UNIT_SRCS_files := $(FILES_UNIT)
UNIT_SRCS_linux := $(LINUX_UNIT)
UNIT_SRCS_ext4 := $(EXT4_UNIT)
UNIT_SRCS_core := $(filter-out $(NET_UNIT) $(NETDEV_UNIT) $(FILES_UNIT) $(LINUX_UNIT) $(EXT4_UNIT),$(KERNEL_SRCS) $(RUNTIME_SRCS))
UNIT_OBJS_net = $(call obj,$(UNIT_SRCS_net)) $(LWIP)/lwip.o
UNIT_OBJS_linux = $(call obj,$(UNIT_SRCS_linux)) $(call obj,$(SKIFF)/runtime/linux/vdso_image.S)
UNIT_OBJS_core = $(call obj,$(UNIT_SRCS_core))
UNIT_OBJS_netdev = $(call obj,$(UNIT_SRCS_netdev))
UNIT_OBJS_files = $(call obj,$(UNIT_SRCS_files))
UNIT_OBJS_ext4 = $(call obj,$(UNIT_SRCS_ext4)) $(E2FS)/ext2fs.o
# Which sources each unit has, rewritten only when that changes.
UNITS_FILE := $(UNIT_DIR)/units
$(shell mkdir -p $(UNIT_DIR) && echo '$(foreach u,$(UNITS),$(u): $(UNIT_SRCS_$(u)))' > $(UNITS_FILE).new && \
	(cmp -s $(UNITS_FILE).new $(UNITS_FILE) || mv $(UNITS_FILE).new $(UNITS_FILE)); rm -f $(UNITS_FILE).new)
.SECONDEXPANSION:
$(UNIT_DIR)/raw/%.o: $$(UNIT_OBJS_$$*) $(LWIP_STAMP) $(E2FS_STAMP) $(UNITS_FILE)
	$(call msg,LD,$@)mkdir -p $(@D) && $(LD) -r -o $@ $(UNIT_OBJS_$*)
# Every global a unit defines that no export list names.
$(UNIT_DIR)/rename.map: $(UNITS:%=$(UNIT_DIR)/raw/%.o) $(B)/exports.lst
	$(Q)nm -g --defined-only $(UNITS:%=$(UNIT_DIR)/raw/%.o) | \
		awk 'NF == 3 { print $$3 }' | sort -u | \
		grep -vxF -f $(B)/exports.lst | awk '{ print $$1, "skiff." $$1 }' > $@
$(UNIT_DIR)/%.o: $(UNIT_DIR)/raw/%.o $(UNIT_DIR)/rename.map
	$(Q)$(OBJCOPY) --redefine-syms=$(UNIT_DIR)/rename.map $< $@
$(B)/libminios.a: $(UNITS:%=$(UNIT_DIR)/%.o)
	$(call msg,AR,$@)rm -f $@ && $(AR) rcs $@ $^

# --- The app --------------------------------------------------------------------
ifneq ($(wildcard $(APP)/app.mk),)
APP_DIR := $(abspath $(APP))
else ifneq ($(wildcard $(SKIFF)/examples/$(APP)/app.mk),)
APP_DIR := $(SKIFF)/examples/$(APP)
else ifneq ($(wildcard $(SKIFF)/tests/guest/$(APP)/app.mk),)
APP_DIR := $(SKIFF)/tests/guest/$(APP)
endif

ifdef APP_DIR
APP_NAME := $(notdir $(APP_DIR))
APP_SRCS :=
APP_CFLAGS :=
APP_MEMORY := 32
# MiB the domain may grow to with xl mem-set (xl's maxmem; empty: the
# same as APP_MEMORY). docs/design.md, "Memory and ballooning".
APP_MAXMEM :=
APP_EXTRA :=
# Seconds a Linux binary that handles SIGTERM has to exit after xl
# shutdown or xl reboot (the stop_grace= boot option overrides it).
APP_STOP_GRACE := 10
# NAME=VALUE words a Linux binary gets in its environment, after HOME=/
# and PATH=/ (the env= boot option adds or replaces one for a boot).
APP_ENV :=
# The bound of the writable root in memory: bytes, or a number with K, M
# or G (the rootsize= boot option overrides it); empty: half of the
# memory free at start-up (docs/files.md).
APP_ROOT_SIZE :=
# Disks mounted at start-up, one word each: DEV:PATH, or DEV:PATH:ro for
# read-only (e.g. xvdb:/data); ext2, ext3 or ext4 (docs/files.md, "ext4
# on disks"). The mount= boot option adds one, or replaces the one with
# the same PATH.
APP_MOUNTS :=
# File systems the image carries for disks: ext4 (implied by
# APP_MOUNTS), so that mount= on the command line can use them.
APP_FS :=
# argv[0] (default: the app's name). A multi-call binary such as busybox
# picks its applet by it; a Linux binary's program is also a file at "/"
# + argv[0] (or at argv[0], a path from "/"), which /proc/self/exe names.
APP_ARGV0 :=
# xl vif specs, one per word, e.g. 'bridge=xenbr0,ip=169.254.1.2'.
APP_VIFS :=
# A folder of the app whose tree becomes the ramdisk, read-only at "/"
# (docs/runtime.md, "Files: the ramdisk"), and a program (both relative to
# the app) run on a copy of that tree to add generated files.
APP_FILES :=
APP_FILES_GEN :=
# A Linux binary instead of C sources (runtime/linux/port.mk): one of
# LINUX_BINARY, GO_MAIN, GO_TEST, MUSL_SRCS, with their options.
LINUX_BINARY :=
GO_MAIN :=
GO_TEST :=
GO_VERSION :=
GO_LDFLAGS :=
MUSL_SRCS :=
MUSL_CFLAGS := -O2
MUSL_LDLIBS :=
# `make image` (docs/images.md): where the file system lies, disk (the
# whole disk) or part (the first MBR partition), the image's size in MiB
# (empty: what the files need), and a grub.cfg of the app's own (relative
# to the app) to use instead of the generated one.
IMAGE_LAYOUT := disk
IMAGE_SIZE :=
IMAGE_GRUB_CFG :=
include $(APP_DIR)/app.mk
# The app's build folder: build/NAME/, or NAME/ under APP_BUILD_ROOT when
# that is given (`make test-go` keeps each Go version's images apart).
APP_BUILD_ROOT := $(B)
AB := $(APP_BUILD_ROOT)/$(APP_NAME)
# What defines this build of the app, rewritten only when it changes: two
# app folders of the same name (or a changed app.mk) never share stale
# objects or configs.
APP_ID := $(AB)/app.id
$(shell mkdir -p $(AB) && echo $(call shq,$(APP_DIR) $(APP_SRCS) $(APP_CFLAGS) $(APP_MEMORY) $(APP_MAXMEM) $(APP_EXTRA) $(APP_STOP_GRACE) $(APP_ROOT_SIZE) $(APP_MOUNTS) $(APP_FS) $(APP_ENV) $(APP_ARGV0) $(APP_VIFS) $(APP_FILES) $(APP_FILES_GEN) | $(LINUX_BINARY) | $(GO_MAIN) $(GO_TEST) $(GO_VERSION) $(GO_LDFLAGS) | $(MUSL_SRCS) $(MUSL_CFLAGS) $(MUSL_LDLIBS)) > $(APP_ID).new && \
	(cmp -s $(APP_ID).new $(APP_ID) || mv $(APP_ID).new $(APP_ID)); rm -f $(APP_ID).new)
APP_OBJS := $(patsubst %.c,$(AB)/obj/%.o,$(notdir $(APP_SRCS))) $(AB)/obj/app_name.o
vpath %.c $(sort $(dir $(addprefix $(APP_DIR)/,$(APP_SRCS))))
ELF := $(AB)/$(APP_NAME)
# The kernel library it links; the Linux-binary port selects its own.
APP_LIB := $(B)/libminios.a
include $(SKIFF)/runtime/linux/port.mk

# The ramdisk, rebuilt when any file or folder of the tree changes.
# (GO_TEST's tree is its package's folder, staged by port.mk.)
CPIO := $(if $(strip $(APP_FILES))$(GO_TEST_FILES),$(ELF).cpio)
FILES_DIR := $(or $(GO_TEST_FILES),$(APP_DIR)/$(strip $(APP_FILES)))
FILES_GEN := $(if $(strip $(APP_FILES_GEN)),$(APP_DIR)/$(strip $(APP_FILES_GEN)))

.PHONY: app
app: $(ELF) $(ELF).gz $(ELF).cfg $(CPIO)

ifneq ($(CPIO),)
$(CPIO): $(shell find $(call shq,$(FILES_DIR)) 2>/dev/null) $(FILES_GEN) \
		$(APP_ID) $(SKIFF)/tools/mkcpio.sh | deps-build
	$(call msg,CPIO,$@)$(SKIFF)/tools/mkcpio.sh $(call shq,$(FILES_DIR)) $(call shq,$@) $(call shq,$(FILES_GEN))
endif

$(AB)/obj/%.o: %.c $(NEWLIB_STAMP) $(APP_ID) $(FLAGS_FILE)
	$(call msg,CC,$<)mkdir -p $(@D) && $(CC) $(APP_BASE_CFLAGS) $(APP_CFLAGS) -MMD -MP -c -o $@ $<
-include $(APP_OBJS:.o=.d)

# argv[0]: the app's name, as runtime/start.c reads it; the SIGTERM grace
# period (runtime/linux/signal.c) and the environment (start.c there).
ifeq ($(shell echo '$(APP_STOP_GRACE)' | grep -Ex '[0-9]{1,5}' | awk '$$1 <= 86400'),)
$(error $(APP_DIR)/app.mk: APP_STOP_GRACE must be a number of seconds (0 to 86400), not '$(APP_STOP_GRACE)')
endif
$(if $(strip $(APP_ROOT_SIZE)),$(if $(shell printf '%s\n' '$(strip $(APP_ROOT_SIZE))' | grep -Ex '[0-9]{1,12}[KMGkmg]?'),,$(error $(APP_DIR)/app.mk: APP_ROOT_SIZE '$(APP_ROOT_SIZE)' must be bytes, or a number with K, M or G)))
$(if $(strip $(APP_ARGV0)),$(if $(shell printf '%s\n' '$(strip $(APP_ARGV0))' | grep -Ex '/?[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*' | awk 'length($$0) < 64'),,$(error $(APP_DIR)/app.mk: APP_ARGV0 '$(APP_ARGV0)' must be one word of letters, digits and ._+-, or a path of such words, under 64 characters)))
$(foreach w,$(APP_ENV),$(if $(findstring ',$(w)),$(error $(APP_DIR)/app.mk: APP_ENV word '$(w)' has a quote))$(if $(shell printf '%s\n' '$(w)' | grep -Ex '[A-Za-z_][A-Za-z0-9_]*=[^"\\]*'),,$(error $(APP_DIR)/app.mk: APP_ENV word '$(w)' is not NAME=VALUE (without quotes or backslashes))))
$(foreach w,$(APP_MOUNTS),$(if $(shell printf '%s\n' '$(w)' | grep -Ex '[a-z][a-z0-9]{0,14}:/[^:"\\]{0,250}(:ro|:rw)?'),,$(error $(APP_DIR)/app.mk: APP_MOUNTS word '$(w)' is not DEV:PATH or DEV:PATH:ro (a disk name such as xvdb, an absolute path))))
$(foreach w,$(APP_FS),$(if $(filter ext4,$(w)),,$(error $(APP_DIR)/app.mk: APP_FS word '$(w)' is not a file system Skiff has (ext4))))
$(AB)/obj/app_name.o: $(APP_ID) $(NEWLIB_STAMP)
	$(Q)mkdir -p $(@D) && printf 'const char skiff_app_name[] = "%s";\nconst unsigned int skiff_stop_grace_s = %s;\nconst char *const skiff_app_env[] = {%s 0};\nconst char skiff_root_size[] = "%s";\nconst char skiff_app_mounts[] = "%s";\n' \
		'$(or $(strip $(APP_ARGV0)),$(APP_NAME))' '$(APP_STOP_GRACE)' '$(foreach w,$(APP_ENV),"$(w)",)' '$(strip $(APP_ROOT_SIZE))' '$(strip $(APP_MOUNTS))' | \
		$(CC) $(APP_BASE_CFLAGS) -x c -c -o $@ -

# An app that declares vifs gets the network stack (DHCP, ping, the
# addresses it reports) even if it never calls socket() itself.
APP_UNDEFS := $(if $(strip $(APP_VIFS)),-u skiff.net_init)
# An app that mounts disks gets ext2/3/4 (the ext4 unit).
APP_UNDEFS += $(if $(strip $(APP_MOUNTS))$(filter ext4,$(APP_FS)),-u skiff.ext4_fstype)
LINK = $(LD) -nostdlib -static -z max-page-size=4096 -z noexecstack \
	--no-warn-rwx-segments --gc-sections -T $(LDS) -o $(1) $(APP_UNDEFS) $(APP_OBJS) $(2) \
	--start-group $(APP_LIB) $(NEWLIB)/lib/libc.a \
	$(NEWLIB)/lib/libm.a $(LIBGCC) --end-group

# Two passes: the second adds the symbol table for backtraces, which sits
# after all code, so no function moves (tools/gen-ksyms.sh checks that).
# Then the split-stack checks move from %fs:0x70 to %gs:0x70 (SPLITGS).
$(ELF): $(APP_OBJS) $(APP_LIB) $(LDS) $(SKIFF)/tools/gen-ksyms.sh $(SPLITGS) $(SKIFF)/tools/splitgs.sh
	$(call msg,LD,$@)$(call LINK,$@.pass1,)
	$(Q)$(SKIFF)/tools/gen-ksyms.sh $@.pass1 > $(AB)/ksyms.S
	$(Q)$(CC) -c -o $(AB)/ksyms.o $(AB)/ksyms.S
	$(Q)$(call LINK,$@,$(AB)/ksyms.o)
	$(Q)$(SKIFF)/tools/gen-ksyms.sh --check $@.pass1 $@
	$(Q)$(SKIFF)/tools/splitgs.sh $(SPLITGS) $@
	$(Q)rm -f $@.pass1

$(ELF).gz: $(ELF)
	$(call msg,GZIP,$@)strip -o $(ELF).stripped $< && gzip -9nc $(ELF).stripped > $@

$(ELF).cfg: $(ELF).gz $(APP_ID) $(SKIFF)/tools/mkcfg.sh $(CPIO)
	$(call msg,CFG,$@)$(SKIFF)/tools/mkcfg.sh $(if $(CPIO),--ramdisk=$(call shq,$(CPIO))) $(if $(APP_MAXMEM),--maxmem=$(call shq,$(APP_MAXMEM))) $(call shq,$(APP_NAME)) $(call shq,$(ELF).gz) $(call shq,$(APP_MEMORY)) $(call shq,$(APP_EXTRA)) $(call shq,$(APP_VIFS)) > $@

# A bootable disk image for hosts whose loader reads the guest's disk
# (pvgrub2, EC2's PV-GRUB) and an xl config that boots it with pvgrub2
# (docs/images.md). The layout and size may come from make's command
# line, so they are kept apart from APP_ID: changing them redoes only
# the image.
IMAGE_ID := $(AB)/image.id
$(shell echo $(call shq,$(IMAGE_LAYOUT) $(IMAGE_SIZE) $(IMAGE_GRUB_CFG)) > $(IMAGE_ID).new && \
	(cmp -s $(IMAGE_ID).new $(IMAGE_ID) || mv $(IMAGE_ID).new $(IMAGE_ID)); rm -f $(IMAGE_ID).new)
.PHONY: image
image: $(ELF).img $(ELF)-pvgrub.cfg
IMAGE_GRUB_FILE := $(if $(strip $(IMAGE_GRUB_CFG)),$(APP_DIR)/$(strip $(IMAGE_GRUB_CFG)))
$(ELF).img: $(ELF).gz $(CPIO) $(APP_ID) $(IMAGE_ID) $(wildcard $(IMAGE_GRUB_FILE)) $(SKIFF)/tools/mkimage.sh $(SKIFF)/tools/mkmbr.sh | deps-image
	$(call msg,IMAGE,$@)$(SKIFF)/tools/mkimage.sh $(if $(CPIO),--ramdisk=$(call shq,$(CPIO))) \
		$(if $(IMAGE_GRUB_FILE),--grub-cfg=$(call shq,$(IMAGE_GRUB_FILE))) \
		--layout=$(call shq,$(strip $(IMAGE_LAYOUT))) --size=$(call shq,$(strip $(IMAGE_SIZE))) \
		$(call shq,$(APP_NAME)) $(call shq,$(ELF).gz) $(call shq,$(APP_EXTRA)) $(call shq,$@)
$(ELF)-pvgrub.cfg: $(ELF).cfg $(ELF).img $(SKIFF)/tools/mkpvgrubcfg.sh
	$(call msg,CFG,$@)$(SKIFF)/tools/mkpvgrubcfg.sh $(call shq,$(ELF).cfg) $(call shq,$(ELF).img) > $@
else
app image:
	@echo "error: no app '$(APP)': expected examples/$(APP)/app.mk, tests/guest/$(APP)/app.mk or $(APP)/app.mk" >&2; exit 1
endif

# --- Library for out-of-tree apps -----------------------------------------------
.PHONY: lib
lib: $(B)/libminios.a $(NEWLIB_STAMP) $(SPLITGS)
	$(Q)rm -rf $(B)/include && mkdir -p $(B)/include && cp -r $(SKIFF)/include/skiff $(SKIFF)/include/libc $(B)/include/
	$(Q)$(SKIFF)/tools/mklinkrecipe.sh '$(SKIFF)' '$(NEWLIB)' '$(LIBGCC)' '$(APP_BASE_CFLAGS)' > $(B)/skiff.mk
	@echo "  built build/libminios.a, build/include/, build/skiff.mk (see docs/linking.md)"

# --- Running and testing -------------------------------------------------------
TESTHOST := $(SKIFF)/tools/testhost/testhost.sh

.PHONY: run
run: app deps-testhost
	$(Q)rm -rf $(AB)/job && mkdir -p $(AB)/job && cp $(ELF).gz $(AB)/job/kernel && cp $(ELF).cfg $(AB)/job/guest.cfg \
		$(if $(CPIO),&& cp $(CPIO) $(AB)/job/)
	$(Q)$(TESTHOST) run --stream $(AB)/run $(AB)/job

HOST_TESTS_DIR := $(SKIFF)/tests/host
GUEST_TESTS := $(sort $(patsubst %/app.mk,%,$(wildcard $(SKIFF)/tests/guest/*/app.mk)))

.PHONY: test host-tests guest-tests guest-images format-check
test: deps
	$(Q)$(SKIFF)/tools/run-tests.sh

host-tests:
	$(Q)$(MAKE) -s -C $(HOST_TESTS_DIR) SKIFF=$(SKIFF) run

# The fuzzers (tests/fuzz, docs/testing.md): each runs FUZZ_TIME seconds
# from its seeds; a crash leaves its input in build/fuzz/crashes/. The
# DHCP and DNS fuzzers compile lwIP's own sources (LWIP_SRC). Then, with
# FUZZ_SYS=yes (what `make fuzz` alone means), the system-call fuzzer in
# a guest with more seeds than make test's (fuzz-sys, below);
# make test runs the libFuzzer part only (its guest tests run sysfuzz).
FUZZ_TIME ?= 60
FUZZ_SYS ?= $(if $(FUZZ),no,yes)
.PHONY: fuzz
fuzz: deps-fuzz $(LWIP_STAMP)
	$(Q)$(MAKE) -s -C $(SKIFF)/tests/fuzz SKIFF=$(SKIFF) LWIP_SRC=$(LWIP_SRC) \
		FUZZ_TIME=$(FUZZ_TIME) $(if $(FUZZ),FUZZ=$(call shq,$(FUZZ))) run
	$(Q)if [ "$(FUZZ_SYS)" = yes ]; then $(MAKE) --no-print-directory fuzz-sys; fi

# The busybox-* tests run the test host's own busybox (deps-testhost).
guest-images: $(B)/libminios.a deps-testhost
	$(Q)for t in $(GUEST_TESTS); do $(MAKE) --no-print-directory APP=$$t app $$([ -f $$t/boot-image ] && echo image) || exit 1; done

guest-tests: guest-images deps-testhost
	$(Q)$(SKIFF)/tests/guest/run.sh $(B)/guest-results $(GUEST_TESTS)

# The Go guest tests (each tests/guest folder whose app.mk names GO_MAIN,
# less the copies NAME-goX.Y that fix a version) built with one Go,
# GO_VERSION from the command line (default: the default Go), into
# build/go-VERSION/ and run in one boot of the test host; results in
# build/go-VERSION/results. E.g. `make test-go GO_VERSION=1.21`.
GO_TEST_VERSION = $(or $(GO_VERSION),$(firstword $(shell $(SKIFF)/tools/deps/linux-tools.sh go-versions)))
GO_TEST_BUILD = $(B)/go-$(GO_TEST_VERSION)
GO_GUEST_TESTS = $(foreach t,$(patsubst %/app.mk,%,$(shell grep -l '^ *GO_MAIN' $(SKIFF)/tests/guest/*/app.mk)),$(if $(findstring -go1.,$(notdir $(t))),,$(t)))
.PHONY: test-go
test-go: $(B)/libminios.a deps-testhost
	$(Q)for t in $(GO_GUEST_TESTS); do $(MAKE) --no-print-directory APP=$$t \
		GO_VERSION=$(GO_TEST_VERSION) APP_BUILD_ROOT=$(GO_TEST_BUILD) app || exit 1; done
	$(Q)SKIFF_BUILD=$(GO_TEST_BUILD) $(SKIFF)/tests/guest/run.sh $(GO_TEST_BUILD)/results $(GO_GUEST_TESTS)

format-check:
	$(Q)$(SKIFF)/tools/format-check.sh

# The system-call fuzzer in a guest with more seeds and calls than the
# guest test's one (docs/testing.md): e.g.
# `make fuzz-sys SEEDS="1 2 3" CALLS=20000`; SYSFUZZ_RACE=race-blocking
# also races the buffers of calls that block. Results in build/sysfuzz-results.
SEEDS := 1 2 3 4
CALLS := 10000
SYSFUZZ_RACE :=
.PHONY: fuzz-sys
fuzz-sys: $(B)/libminios.a deps-testhost
	$(Q)$(MAKE) --no-print-directory APP=$(SKIFF)/tests/guest/sysfuzz app
	$(Q)$(SKIFF)/tools/sysfuzz.sh $(B)/sysfuzz-results '$(SEEDS)' '$(CALLS)' '$(SYSFUZZ_RACE)'

.PHONY: bench
bench: deps
	$(Q)$(SKIFF)/tools/bench.sh $(BENCH)

# The soak (tests/soak; not part of `make test`): SOAK_SECONDS of mixed
# load on one guest, which must come back to its baseline (docs/testing.md).
SOAK_SECONDS ?= 1800
.PHONY: soak
soak: $(B)/libminios.a deps-testhost
	$(Q)$(MAKE) --no-print-directory APP=$(SKIFF)/tests/soak app
	$(Q)echo $(SOAK_SECONDS) > $(B)/soak/duration
	$(Q)GUEST_TEST_TIMEOUT=$$(($(SOAK_SECONDS) + 600)) $(SKIFF)/tests/guest/run.sh $(B)/soak-results $(SKIFF)/tests/soak

# The compatibility yardstick: Go's standard-library tests on Skiff and on
# this machine (docs/compat.md; long, not part of `make test`).
# `make compat COMPAT="os net"` runs only those packages.
.PHONY: compat
compat: deps deps-testhost
	$(Q)COMPAT_GO_VERSION='$(COMPAT_GO_VERSION)' GO_VERSION='$(GO_VERSION)' \
		COMPAT_TIMEOUT='$(COMPAT_TIMEOUT)' COMPAT_MEMORY='$(COMPAT_MEMORY)' \
		COMPAT_OUT='$(COMPAT_OUT)' $(SKIFF)/tests/compat/run.sh $(COMPAT)

.PHONY: clean
clean:
	rm -rf $(B)
