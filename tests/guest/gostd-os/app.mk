# gostd-os: Go 1.23's os tests (GO_TEST) that make their files with
# t.TempDir, os.MkdirTemp or os.CreateTemp (directly or through a helper;
# the -test.run pattern below: prefixes that pick those tests out of the
# 202 the package has), on an ext4 disk that dom0's mkfs.ext4 made
# (pre.sh), mounted over the root's /tmp; dom0 checks it with e2fsck -fn
# after the run (dom0.sh). Xen passes at most 1024 bytes of command line:
# the flags are about 600.
# Left out, because of the test host and not of Skiff's files:
#   TestChdirAndGetwd        changes into /usr/bin, which the image lacks
#   TestExecutableDeleted    builds and runs a helper program (exec)
#   TestLargeCopyViaNetwork  a 40 s copy over loopback TCP under the test
#                            host's emulation (CI time), no file system
#                            work that the other tests do not do
#   TestFileRead*/sysdir     (subtests; skip) list the build machine's /etc
# TestFifoEOF and TestFIFONonBlockingEOF make their FIFO on the ext4 /tmp.
GO_TEST := os
GO_VERSION := 1.23
APP_MEMORY := 256
APP_MOUNTS := xvdb:/tmp
APP_EXTRA := -test.short -test.v -test.timeout=100s \
	-test.run=^(Test(Append|Chmod|Chown|Chtimes|Copy|Create|DirAnd|DirFSPaths|ErrIs|ErrPath|FTruncate|F[Ii][Ff][Oo]|FileAnd|FileChown|FileRead|Hard|Issue60181|Lchown|Long|MkdirAllWith|MkdirSticky|MkdirTemp|Non|OpenFileKeeps|ProcCopy|Prog|Random|ReadAt|ReadOnly|ReaddirN|ReaddirOf|ReaddirRemove|ReaddirStat|Remove|Rename|Same|Seek$$|Send|Splice|StatDir|StatError|StatRelative|StatSymlink|Symlink|Truncate|WriteAt|WriteFile|WriteString)|Example(Readlink)) \
	-test.skip=^TestFileRead/^sysdir$$
