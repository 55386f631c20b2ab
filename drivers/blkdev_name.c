/*
 * Names of Xen virtual block devices: the "virtual-device" number of a
 * vbd (also the N of device/vbd/N) decoded as Xen's xen-vbd-interface
 * document lays it out and as Linux names the disk, so that an app opens
 * /dev/xvda for the xl config's "xvda". Pure code (host-tested).
 */
#include <kernel/blkdev.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>

#define VDEV_EXTENDED (1ul << 28)
#define XVD_MAJOR 202

/* The IDE majors in disk order; each holds two disks of 64 minors. */
static const uint8_t hd_majors[] = {3, 22, 33, 34, 56, 57, 88, 89, 90, 91};

/* Disk number d as Linux's letters: a..z, aa..zz, aaa... */
static void disk_letters(unsigned long d, char *out)
{
	char rev[8];
	unsigned int n = 0;

	for (;;) {
		rev[n++] = (char)('a' + d % 26);
		if (d < 26)
			break;
		d = d / 26 - 1;
	}
	while (n)
		*out++ = rev[--n];
	*out = '\0';
}

/* The SCSI majors: 8 (disks 0-15), 65-71 (16-127), 128-135 (128-255). */
static int sd_disk(unsigned int major, unsigned int minor)
{
	if (major == 8)
		return (int)(minor >> 4);
	if (major >= 65 && major <= 71)
		return (int)(16 * (major - 64) + (minor >> 4));
	if (major >= 128 && major <= 135)
		return (int)(128 + 16 * (major - 128) + (minor >> 4));
	return -1;
}

/* Split vdev into a prefix, disk and partition. Returns 0 or -EINVAL. */
static int decode(unsigned long vdev, const char **prefix, unsigned long *disk,
		  unsigned int *part)
{
	unsigned int major = (vdev >> 8) & 0xff, minor = vdev & 0xff, i;
	int d;

	if (vdev & VDEV_EXTENDED) {
		if (vdev >> 29)
			return -EINVAL;
		*prefix = "xvd";
		*disk = (vdev >> 8) & 0xfffff;
		*part = minor;
		return 0;
	}
	if (vdev >> 16)
		return -EINVAL;
	if (major == XVD_MAJOR) {
		*prefix = "xvd";
		*disk = minor >> 4;
		*part = minor & 15;
		return 0;
	}
	if ((d = sd_disk(major, minor)) >= 0) {
		*prefix = "sd";
		*disk = (unsigned long)d;
		*part = minor & 15;
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(hd_majors); i++)
		if (major == hd_majors[i]) {
			*prefix = "hd";
			*disk = 2 * i + (minor >> 6);
			*part = minor & 63;
			return 0;
		}
	return -EINVAL;
}

int blkdev_vdev_name(unsigned long vdev, char *name, size_t len)
{
	const char *prefix;
	unsigned long disk;
	unsigned int part;
	char letters[8];
	int n;

	if (decode(vdev, &prefix, &disk, &part) < 0)
		return -EINVAL;
	disk_letters(disk, letters);
	if (part)
		n = snprintk(name, len, "%s%s%u", prefix, letters, part);
	else
		n = snprintk(name, len, "%s%s", prefix, letters);
	return n < 0 || (size_t)n >= len ? -EINVAL : 0;
}
