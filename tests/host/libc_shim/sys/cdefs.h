/* Just enough of newlib's <sys/cdefs.h> for include/libc's headers,
 * compiled alone by test_libc_abi (libc_abi_skiff.c). */
#ifndef TESTS_HOST_SHIM_SYS_CDEFS_H
#define TESTS_HOST_SHIM_SYS_CDEFS_H
#define __BEGIN_DECLS
#define __END_DECLS
#endif
