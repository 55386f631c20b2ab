# The hello example itself, with quoting in its command line, in 4 MiB.
APP_SRCS := ../../../examples/hello/main.c
APP_MEMORY := 4
APP_EXTRA := one 'two words' three
