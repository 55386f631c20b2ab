/*
 * loopbs LOOPDEV SIZE: set a loop device's logical block size (busybox's
 * losetup cannot), e.g. 4096 for a large-sector disk. The block hotplug
 * script calls it before blkback opens the device.
 */
#include <fcntl.h>
#include <linux/loop.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long size;
	int fd;

	if (argc != 3 || !(size = strtoul(argv[2], NULL, 10))) {
		fprintf(stderr, "usage: loopbs LOOPDEV SIZE\n");
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		perror(argv[1]);
		return 1;
	}
	if (ioctl(fd, LOOP_SET_BLOCK_SIZE, size) < 0) {
		perror("LOOP_SET_BLOCK_SIZE");
		return 1;
	}
	close(fd);
	return 0;
}
