# runtime/linux: the Linux-binary port's library part (docs/linux-binaries.md);
# port.mk has what an app that packages a Linux binary adds to its build.
LP := $(SKIFF)/runtime/linux
# The port's sources, compiled like runtime/ (RUNTIME_CFLAGS): the
# "linux" unit of libminios.a, which an app without a main() of its own
# takes (runtime/linux/start.c is that main()).
LINUX_PORT_SRCS := $(LP)/start.c $(LP)/elf.c $(LP)/elf_sym.c $(LP)/ustack.c \
	$(LP)/syscall.c $(LP)/sys_mem.c $(LP)/sys_thread.c $(LP)/sys_misc.c \
	$(LP)/sys_file.c $(LP)/sys_poll.c $(LP)/sys_net.c $(LP)/signal.c \
	$(LP)/sigframe.c $(LP)/sigqueue.c $(LP)/timers.c $(LP)/signalfd.c \
	$(LP)/procfs.c $(LP)/proc.c $(LP)/exec.c $(LP)/pidfd.c $(LP)/uio.c \
	$(LP)/sys_rw.c $(LP)/sys_select.c $(LP)/sys_futex.c
LINUX_PORT_OBJS := $(call obj,$(LINUX_PORT_SRCS)) $(call obj,$(LP)/vdso_image.S)
RUNTIME_SRCS += $(LINUX_PORT_SRCS)
LINUX_UNIT += $(LINUX_PORT_SRCS)
EXPORTS += $(LP)/exports.lst
# The system-call numbers and names, from the build machine's
# <asm/unistd_64.h> (Debian's linux-libc-dev).
LINUX_SYSNR := $(B)/linux/sysnr.h
$(LINUX_SYSNR): $(SKIFF)/tools/gen-linux-sysnr.sh
	$(call msg,GEN,$@)mkdir -p $(@D) && $< > $@.tmp && mv $@.tmp $@
$(call obj,$(LP)/syscall.c) $(call obj,$(LP)/signal.c): $(LINUX_SYSNR)
$(call obj,$(LP)/syscall.c) $(call obj,$(LP)/signal.c): RUNTIME_CFLAGS += -I$(B)/linux

# The vDSO (vdso.c, laid out by vdso.lds): user code, so built apart from
# the kernel's flags: position-independent, a shared object with its
# symbols under Linux's version. It must need no relocation (the loader
# copies it as it is). vdso_image.S embeds it.
VDSO_SO := $(B)/linux/vdso.so
VDSO_SRCS := $(LP)/vdso.c $(SKIFF)/kernel/pvclock.c
VDSO_CFLAGS := -std=gnu11 -O2 -fPIC -ffreestanding -nostdinc -nostdlib \
	-fno-stack-protector -fno-asynchronous-unwind-tables -isystem $(GCC_INC) \
	$(INCS) $(WARN)
$(VDSO_SO): $(VDSO_SRCS) $(LP)/clock_ids.h \
	$(SKIFF)/arch/x86_64/include/arch/pvclock.h $(LP)/vdso.lds $(XENHDR)/xen/xen.h $(FLAGS_FILE)
	$(call msg,VDSO,$@)mkdir -p $(@D) && $(CC) $(VDSO_CFLAGS) -shared \
		-Wl,-T,$(LP)/vdso.lds -Wl,-soname=linux-vdso.so.1 \
		-Wl,--hash-style=both -Wl,--build-id=none -o $@.tmp $(VDSO_SRCS) && \
	if $(READELF) -rW $@.tmp | grep -q 'Relocation section'; then \
		echo "error: $@ needs relocations" >&2; exit 1; fi && mv $@.tmp $@
$(call obj,$(LP)/vdso_image.S): $(VDSO_SO)
$(call obj,$(LP)/vdso_image.S): ASFLAGS += -DVDSO_FILE='"$(VDSO_SO)"'
$(LINUX_PORT_OBJS): $(NEWLIB_STAMP)
-include $(LINUX_PORT_OBJS:.o=.d)
