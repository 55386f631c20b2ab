# gostd-iofs: Go 1.23's io/fs tests (GO_TEST), their t.TempDir on an
# ext4 disk that dom0's mkfs.ext4 made (pre.sh), mounted over the root's
# /tmp; dom0 checks it with e2fsck -fn after the run (dom0.sh).
GO_TEST := io/fs
GO_VERSION := 1.23
APP_MEMORY := 256
APP_MOUNTS := xvdb:/tmp
APP_EXTRA := -test.short -test.v -test.timeout=100s
APP_FILES_GEN := self.sh
