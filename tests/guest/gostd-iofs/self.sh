#!/bin/sh
# APP_FILES_GEN: the package's own files also in /fs/. TestGlob finds its
# package from the folder above (os.DirFS("..") and "*/glob.go"), as in a
# Go tree; on Skiff ".." of the working directory "/" is "/".
set -e
mkdir -p "$1/fs"
find "$1" -maxdepth 1 -type f -exec cp {} "$1/fs/" \;
