# cat: prints files from its ramdisk (files/ becomes "/"); see main.c.
APP_SRCS := main.c
APP_MEMORY := 32
APP_FILES := files
APP_EXTRA := /etc/motd
