#!/bin/sh
# APP_FILES_GEN: the package's own files also in /filepath/. A test that finds
# its package from the folder above (TestGlob: ../*/match.go) sees, as in
# a Go tree, a folder filepath/ there: on Skiff ".." of the working directory
# "/" is "/".
set -e
mkdir -p "$1/filepath"
find "$1" -maxdepth 1 -type f -exec cp {} "$1/filepath/" \;
