# go-files: an unmodified Go program on the writable root: os.MkdirTemp,
# os.CreateTemp, os.MkdirAll, filepath.Walk, os.Rename, os.ReadDir,
# io.Copy between files (copy_file_range), links, times, flock, statfs,
# and ENOSPC at the 8 MiB bound as an ordinary error.
GO_MAIN := main.go
APP_MEMORY := 96
APP_ROOT_SIZE := 8M
