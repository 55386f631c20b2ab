# pvgrub-menulst: pvgrub-disk's app in the partitioned layout, booted from
# the image's menu.lst (PV-GRUB's menu, root (hd0,0)) rather than from
# its grub.cfg: the image's grub.cfg only hands over to menu.lst through
# GRUB 2's reader of GRUB legacy menus. No quotes in the command line:
# that reader passes them on as characters, GRUB legacy does not.
APP_SRCS := ../pvgrub-disk/main.c
APP_MEMORY := 32
APP_FILES := ../pvgrub-disk/files
APP_EXTRA := --layout menulst from-menu.lst last
IMAGE_LAYOUT := part
IMAGE_GRUB_CFG := grub.cfg
