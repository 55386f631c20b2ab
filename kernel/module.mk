# kernel: boot order, memory, threads, printk, shutdown.
K := $(SKIFF)/kernel
KERNEL_SRCS += $(K)/main.c $(K)/init.c $(K)/page_bitmap.c $(K)/page_alloc.c $(K)/vm.c \
	$(K)/heap.c $(K)/sched.c $(K)/sched_queue.c $(K)/thread.c $(K)/sync.c $(K)/printk.c $(K)/format.c \
	$(K)/cmdline.c $(K)/pvclock.c $(K)/shutdown.c $(K)/ksyms.c $(K)/string.c \
	$(K)/netdev.c $(K)/netdev_raw.c \
	$(K)/blkdev.c $(K)/blkdev_name.c $(K)/blkdev_app.c \
	$(K)/uvm_map.c $(K)/uvm.c
NETDEV_UNIT += $(K)/netdev.c $(K)/netdev_raw.c
FILES_UNIT += $(K)/blkdev.c $(K)/blkdev_name.c $(K)/blkdev_app.c
EXPORTS += $(K)/exports.lst
