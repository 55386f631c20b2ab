/* newlib's <sys/_sigset.h> (x86-64), for include/libc's <sys/epoll.h>
 * compiled alone by test_libc_abi. */
#ifndef TESTS_HOST_SHIM_SYS_SIGSET_H
#define TESTS_HOST_SHIM_SYS_SIGSET_H
typedef unsigned long __sigset_t;
#endif
