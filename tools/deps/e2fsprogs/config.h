/*
 * What configure would find, for libext2fs built into a Skiff image
 * (newlib, x86-64, no processes, mounts or devices in /dev to look at)
 * and for the host tests (glibc offers at least as much): the config.h
 * that every file of the library includes first.
 */
#define HAVE_UNISTD_H 1
#define HAVE_STDLIB_H 1
#define HAVE_ERRNO_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDARG_H 1
#define HAVE_STRDUP 1
#define HAVE_STRNLEN 1
#define HAVE_VPRINTF 1
#define HAVE_POSIX_MEMALIGN 1
#define HAVE_TYPE_SSIZE_T 1
#define ENABLE_BMAP_STATS 0
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_OFF_T 8
#define SIZEOF_SHORT 2
#define SIZEOF_TIME_T 8
/* No NLS: messages stay in English. */
#undef ENABLE_NLS
/* A Skiff image is no Linux process: com_err must not reach for
 * syscall(SYS_prctl) to ask whether it may read the environment. */
#ifdef __skiff__
#undef linux
#endif
