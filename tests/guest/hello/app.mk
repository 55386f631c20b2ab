# The hello example itself, with quoting in its command line.
APP_SRCS := ../../../examples/hello/main.c
APP_MEMORY := 32
APP_EXTRA := one 'two words' three
