# pvgrub-part: pvgrub-disk's app in the image's other layout, the file
# system in the first MBR partition.
APP_SRCS := ../pvgrub-disk/main.c
APP_MEMORY := 32
APP_FILES := ../pvgrub-disk/files
APP_EXTRA := --layout part 'two words' glued' 'quote last
IMAGE_LAYOUT := part
