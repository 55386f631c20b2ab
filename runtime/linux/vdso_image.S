/*
 * The vDSO shared object (vdso.c, built by port.mk as VDSO_FILE),
 * embedded as read-only data between vdso_image_start and
 * vdso_image_end; the loader copies it into the pages above the user
 * address space (uvm_map_vdso()).
 */
	.section .rodata.vdso_image, "a", @progbits
	.p2align 4
	.globl vdso_image_start
	.type vdso_image_start, @object
vdso_image_start:
	.incbin VDSO_FILE
	.globl vdso_image_end
	.type vdso_image_end, @object
vdso_image_end:
	.size vdso_image_start, vdso_image_end - vdso_image_start
	.section .note.GNU-stack, "", @progbits
