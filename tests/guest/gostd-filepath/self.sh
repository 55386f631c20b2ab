#!/bin/sh
# APP_FILES_GEN: the package's own files also in /filepath/. TestGlob
# finds its package from the folder above ("../*/match.go" must give
# "../filepath/match.go"), as in a Go tree; on Skiff ".." of the working
# directory "/" is "/".
set -e
mkdir -p "$1/filepath"
find "$1" -maxdepth 1 -type f -exec cp {} "$1/filepath/" \;
