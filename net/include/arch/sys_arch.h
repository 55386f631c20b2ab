/*
 * lwIP's OS types for Skiff (net/sys_arch.c): semaphores, mutexes and
 * mailboxes are pointers to objects built on the kernel's ksem and
 * kmutex, so lwIP itself needs no kernel header. NULL is "invalid".
 */
#ifndef SKIFF_LWIP_ARCH_SYS_ARCH_H
#define SKIFF_LWIP_ARCH_SYS_ARCH_H

struct ksem;
struct kmutex;
struct net_mbox;
struct thread;

typedef struct ksem *sys_sem_t;
typedef struct kmutex *sys_mutex_t;
typedef struct net_mbox *sys_mbox_t;
typedef struct thread *sys_thread_t;
/* Cooperative threads on one vCPU and no lwIP code in upcalls: there is
 * nothing to protect against, so the level is unused. */
typedef int sys_prot_t;

/* The calling thread's semaphore for netconn calls, made on first use
 * (net/thread_sem.c; LWIP_NETCONN_SEM_PER_THREAD). Freed when the
 * thread exits, so lwIP's own free is a no-op. */
sys_sem_t *net_thread_sem(void);
#define LWIP_NETCONN_THREAD_SEM_GET() net_thread_sem()
#define LWIP_NETCONN_THREAD_SEM_ALLOC() ((void)net_thread_sem())
#define LWIP_NETCONN_THREAD_SEM_FREE() ((void)0)

#define SYS_MBOX_NULL NULL
#define SYS_SEM_NULL NULL

#define sys_sem_valid(s) ((s) != NULL && *(s) != NULL)
#define sys_sem_set_invalid(s) (*(s) = NULL)
#define sys_mutex_valid(m) ((m) != NULL && *(m) != NULL)
#define sys_mutex_set_invalid(m) (*(m) = NULL)
#define sys_mbox_valid(b) ((b) != NULL && *(b) != NULL)
#define sys_mbox_set_invalid(b) (*(b) = NULL)

#endif
