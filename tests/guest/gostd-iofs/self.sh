#!/bin/sh
# APP_FILES_GEN: the package's own files also in /fs/. A test that finds
# its package from the folder above (TestGlob: os.DirFS("..") and */glob.go) sees, as in
# a Go tree, a folder fs/ there: on Skiff ".." of the working directory
# "/" is "/".
set -e
mkdir -p "$1/fs"
find "$1" -maxdepth 1 -type f -exec cp {} "$1/fs/" \;
