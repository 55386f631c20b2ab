/*
 * The files a Linux program finds in /proc, /sys and /etc about itself
 * and its machine (the Linux shim's set of <runtime/sysfile.h>): made
 * when opened from what the shim knows. Go reads the executable's link
 * (os.Executable), the host name (os.Hostname), the huge page size
 * (Go 1.21 and later) and /etc/passwd (os/user); glibc counts CPUs from
 * /sys; tools read the rest. /proc/1/ and /proc/thread-self/ are
 * /proc/self/ (one process, pid 1). Anything else under /proc or /sys
 * is ENOENT. docs/linux-binaries.md lists the files.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/uvm.h>

#include <runtime/fs.h>
#include <runtime/sysfile.h>

#include "../pipe_ring.h"
#include "../sysfile_text.h"

#include "linux_priv.h"

#define PAGE_KB 4
#define NSEC 1000000000ull
/* Clock ticks of /proc/self/stat (Linux's USER_HZ). */
#define USER_HZ 100

const char *linux_comm(void)
{
	static char comm[LINUX_COMM_LEN];
	const char *name, *slash;

	if (!comm[0]) {
		name = linux_proc_self()->argc > 0 && linux_proc_self()->argv[0]
			   ? linux_proc_self()->argv[0]
			   : "skiff";
		slash = strrchr(name, '/');
		snprintf(comm, sizeof(comm), "%s", slash ? slash + 1 : name);
	}
	return comm;
}

int linux_exe_path(char *buf, size_t size)
{
	const char *exe = linux_args_exe(linux_proc_self()->args);
	const char *name =
	    linux_proc_self()->argc > 0 && linux_proc_self()->argv[0]
		? linux_proc_self()->argv[0]
		: "skiff";

	/* An exec'd program: the file it came from; the embedded one: the
	 * file start.c placed at "/" + argv[0]. */
	if (exe)
		return snprintf(buf, size, "%s", exe);
	return snprintf(buf, size, "%s%s", name[0] == '/' ? "" : "/", name);
}

/* What follows "/proc/self/" (or /proc/1/, /proc/thread-self/) in path;
 * NULL for another path. */
static const char *self_rest(const char *path)
{
	static const char *const prefixes[] = {"/proc/self/", "/proc/1/",
					       "/proc/thread-self/"};
	size_t i, n;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		if (!strncmp(path, prefixes[i], n))
			return path + n;
	}
	return NULL;
}

int linux_readlink(const char *path, char *buf, size_t size)
{
	const char *rest = self_rest(path);

	if (rest && !strcmp(rest, "exe"))
		return linux_exe_path(buf, size);
	if (rest && !strcmp(rest, "root"))
		return snprintf(buf, size, "/");
	if (rest && !strcmp(rest, "cwd")) {
		int n = path_getcwd(buf, size);

		return n < 0 ? n : n - 1; /* without the NUL */
	}
	return -ENOENT;
}

/* The ELF file itself, as /proc/self/exe opens it on Linux. */
static int fill_exe(struct sysfile_buf *b)
{
	b->ext = linux_proc_self()->file;
	b->len = linux_proc_self()->size;
	return 0;
}

static int fill_cmdline(struct sysfile_buf *b)
{
	sysfile_fmt_strings(b, (const char *const *)linux_proc_self()->argv,
			    (size_t)linux_proc_self()->argc);
	return 0;
}

static int fill_environ(struct sysfile_buf *b)
{
	sysfile_fmt_strings(b, linux_proc_self()->envp,
			    (size_t)linux_proc_self()->envc);
	return 0;
}

static int fill_comm(struct sysfile_buf *b)
{
	sysfile_printf(b, "%s\n", linux_comm());
	return 0;
}

/* Linux's 52 fields; what Skiff has no notion of is 0. */
static int fill_stat(struct sysfile_buf *b)
{
	struct uvm_stats s;
	uint64_t cpu = linux_cpu_ns() / (NSEC / USER_HZ);

	uvm_stats(&s);
	sysfile_printf(b,
		       "1 (%s) R 0 1 1 0 -1 4194560 %lu 0 0 0 %llu 0 0 0 20 "
		       "0 %d 0 0 %lu %lu 18446744073709551615",
		       linux_comm(), linux_minor_faults(),
		       (unsigned long long)cpu, linux_proc_self()->nthreads,
		       s.bytes_mapped, s.pages_backed);
	/* startcode ... exit_code: nothing to say. */
	sysfile_printf(b,
		       " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 "
		       "0 0 0 0\n");
	return 0;
}

static int fill_status(struct sysfile_buf *b)
{
	struct uvm_stats s;

	uvm_stats(&s);
	sysfile_printf(b,
		       "Name:\t%s\nUmask:\t%04o\nState:\tR (running)\n"
		       "Tgid:\t1\nNgid:\t0\nPid:\t1\nPPid:\t0\nTracerPid:\t0\n"
		       "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\n"
		       "Groups:\t\nVmSize:\t%lu kB\nVmRSS:\t%lu kB\n"
		       "Threads:\t%d\nCpus_allowed:\t1\n"
		       "Cpus_allowed_list:\t0\n",
		       linux_comm(), linux_umask(), 1024, s.bytes_mapped / 1024,
		       s.pages_backed * PAGE_KB, linux_proc_self()->nthreads);
	return 0;
}

static int fill_meminfo(struct sysfile_buf *b)
{
	unsigned long total = page_alloc_total_pages() * PAGE_KB;
	unsigned long free = page_alloc_free_pages() * PAGE_KB;

	sysfile_printf(b,
		       "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
		       "MemAvailable:   %8lu kB\nBuffers:               0 kB\n"
		       "Cached:                0 kB\nSwapTotal:             0 "
		       "kB\nSwapFree:              0 kB\n",
		       total, free, free);
	return 0;
}

static int fill_uptime(struct sysfile_buf *b)
{
	uint64_t up = linux_uptime_ns(), idle = linux_idle_ns();

	sysfile_printf(b, "%llu.%02llu %llu.%02llu\n",
		       (unsigned long long)(up / NSEC),
		       (unsigned long long)(up % NSEC / (NSEC / 100)),
		       (unsigned long long)(idle / NSEC),
		       (unsigned long long)(idle % NSEC / (NSEC / 100)));
	return 0;
}

static int fill_hostname(struct sysfile_buf *b)
{
	sysfile_printf(b, "%s\n", sysfile_hostname());
	return 0;
}

static int fill_text(struct sysfile_buf *b, const char *text)
{
	sysfile_put(b, text, strlen(text));
	return 0;
}

/* The 2 MiB pages of x86-64 (Go sizes its heap's huge-page hints by it). */
static int fill_hpage(struct sysfile_buf *b)
{
	return fill_text(b, "2097152\n");
}

/* One vCPU (glibc's get_nprocs reads these). */
static int fill_cpus(struct sysfile_buf *b)
{
	return fill_text(b, "0\n");
}

static int fill_ostype(struct sysfile_buf *b)
{
	return fill_text(b, "Linux\n");
}

/* A pipe holds PIPE_RING_SIZE bytes, and no call makes it larger: that
 * is also the most a program may ask for. */
static int fill_pipe_max(struct sysfile_buf *b)
{
	sysfile_printf(b, "%u\n", (unsigned)PIPE_RING_SIZE);
	return 0;
}

/* The program runs as root (getuid 0); nobody for tools that look. */
static int fill_passwd(struct sysfile_buf *b)
{
	return fill_text(b, "root:x:0:0:root:/:/bin/sh\n"
			    "nobody:x:65534:65534:nobody:/nonexistent:"
			    "/usr/sbin/nologin\n");
}

static int fill_group(struct sysfile_buf *b)
{
	return fill_text(b, "root:x:0:\nnogroup:x:65534:\n");
}

static const struct sysfile files[] = {
    {"/proc/self/exe", fill_exe},
    {"/proc/self/cmdline", fill_cmdline},
    {"/proc/self/environ", fill_environ},
    {"/proc/self/comm", fill_comm},
    {"/proc/self/stat", fill_stat},
    {"/proc/self/status", fill_status},
    {"/proc/meminfo", fill_meminfo},
    {"/proc/uptime", fill_uptime},
    {"/proc/sys/kernel/hostname", fill_hostname},
    {"/proc/sys/kernel/ostype", fill_ostype},
    {"/proc/sys/fs/pipe-max-size", fill_pipe_max},
    {"/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", fill_hpage},
    {"/sys/devices/system/cpu/online", fill_cpus},
    {"/sys/devices/system/cpu/possible", fill_cpus},
    {"/sys/devices/system/cpu/present", fill_cpus},
    {"/etc/hostname", fill_hostname},
    {"/etc/passwd", fill_passwd},
    {"/etc/group", fill_group},
};

const struct sysfile_set linux_sysfiles = {files,
					   sizeof(files) / sizeof(files[0])};
