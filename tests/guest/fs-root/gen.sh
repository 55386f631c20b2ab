#!/bin/sh
# A symbolic link in the ramdisk (the build copies the tree with links
# followed; a generator may add links of its own).
ln -s app.conf "$1/etc/link"
