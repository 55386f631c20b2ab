# kernel: boot order, memory, threads, printk, shutdown.
K := $(SKIFF)/kernel
KERNEL_SRCS += $(K)/main.c $(K)/init.c $(K)/page_bitmap.c $(K)/page_alloc.c $(K)/balloon_plan.c $(K)/vm.c \
	$(K)/heap.c $(K)/sched.c $(K)/sched_queue.c $(K)/thread.c $(K)/sync.c $(K)/printk.c $(K)/format.c \
	$(K)/cmdline.c $(K)/pvclock.c $(K)/shutdown.c $(K)/ksyms.c $(K)/string.c \
	$(K)/uvm_map.c $(K)/uvm.c $(K)/random.c $(K)/random_gen.c \
	$(K)/suspend.c
EXPORTS += $(K)/exports.lst
