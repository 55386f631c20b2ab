# go-mmap: an unmodified Go program mapping files with syscall.Mmap, on
# an ext4 disk (/data) and on the writable root (/tmp): MAP_SHARED pages
# coherent with pread, pwrite, ftruncate and other mappings, a file grown
# under its mapping, MAP_PRIVATE copies, msync, the errors Linux gives,
# and a file's 64 KiB mapped 256 times over (one set of frames). dom0
# reads the files off the disk (e2fsck clean) and checks their sums.
GO_MAIN := main.go
APP_MEMORY := 128
APP_MOUNTS := xvdb:/data
