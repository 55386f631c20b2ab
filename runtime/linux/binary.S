/*
 * The app's Linux binary, embedded as read-only data of the image: the
 * checked ELF file (LINUX_BINARY_FILE, a quoted path given by port.mk) as
 * it is, page-aligned, between linux_binary_start and linux_binary_end.
 * It goes into .rodata (read-only, not executable in the kernel's
 * mapping); the loader copies or maps its segments into the lower half.
 */
	.section .rodata.linux_binary, "a", @progbits
	.p2align 12
	.globl linux_binary_start
	.type linux_binary_start, @object
linux_binary_start:
	.incbin LINUX_BINARY_FILE
	.globl linux_binary_end
	.type linux_binary_end, @object
linux_binary_end:
	.size linux_binary_start, linux_binary_end - linux_binary_start
	.p2align 12
