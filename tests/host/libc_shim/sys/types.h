/* Just enough of newlib's <sys/types.h> (its x86-64 types) for
 * include/libc's headers, compiled alone by test_libc_abi. */
#ifndef TESTS_HOST_SHIM_SYS_TYPES_H
#define TESTS_HOST_SHIM_SYS_TYPES_H
#include <stddef.h>
#include <stdint.h>
typedef uint32_t in_addr_t;
typedef uint16_t in_port_t;
typedef long ssize_t;
#endif
