# gostd-runtime-mmap: Go 1.23's runtime test TestMemmoveOverflow
# (GO_TEST): it maps the 64 KiB of a file it made with os.CreateTemp
# (on an ext4 disk that dom0's mkfs.ext4 made, pre.sh, mounted over the
# root's /tmp) MAP_SHARED 49,152 times over 3 GiB and moves memory
# across it all, which needs shared file pages (one frame per page
# however often it is mapped) and more than 4096 mappings. dom0 checks
# the disk with e2fsck -fn after the run (dom0.sh).
GO_TEST := runtime
GO_VERSION := 1.23
APP_MEMORY := 256
APP_MOUNTS := xvdb:/tmp
APP_EXTRA := -test.short -test.v -test.timeout=800s \
	-test.run=^TestMemmoveOverflow$$
