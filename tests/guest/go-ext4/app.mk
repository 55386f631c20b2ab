# go-ext4: an unmodified Go program writing files on an ext4 disk that
# dom0's mkfs.ext4 made (pre.sh), through the Linux system-call shim;
# dom0 checks the image with e2fsck -fn and reads the files back with
# debugfs (dom0.sh, check.sh).
GO_MAIN := main.go
APP_MEMORY := 128
APP_MOUNTS := xvdb:/data
