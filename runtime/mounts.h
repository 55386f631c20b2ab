/*
 * Disks mounted at start-up (runtime/mounts.c, the files unit): app.mk's
 * APP_MOUNTS and the mount= boot options, each a disk, a directory and
 * read-write or read-only. The file systems that mount disks register
 * here (ext4: the ext4 unit, runtime/ext4_mount.c), so an image without
 * them still knows the option and refuses it clearly.
 */
#ifndef RUNTIME_MOUNTS_H
#define RUNTIME_MOUNTS_H

#include <stdbool.h>
#include <stddef.h>

struct vnode;

struct vfs_fstype {
	const char *name;
	/* Mount the disk named dev ("xvdb") on the directory on, read-only
	 * if readonly. 0, with *ro set when it ended up read-only and why
	 * in why (a reason, or ""); else a negative errno and why. */
	int (*mount)(const char *dev, struct vnode *on, bool readonly, bool *ro,
		     char *why, size_t whysize);
	struct vfs_fstype *next;
};

void vfs_register_fstype(struct vfs_fstype *t);

/* Mount what APP_MOUNTS and mount= ask for, once the root is there. A
 * mount that fails ends the program (exit code 1) with a message: an app
 * must not write into the root what it meant for a disk. */
void vfs_mounts_start(void);

#endif
