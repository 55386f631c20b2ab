# c-sigterm: a musl program without a SIGTERM handler, stopped by xl
# shutdown (sigterm.c).
MUSL_SRCS := sigterm.c
APP_MEMORY := 16
# The environment: app.mk's words, one replaced on the command line.
APP_ENV := SKIFF_A=app SKIFF_B=app
APP_EXTRA := env=SKIFF_B=boot env=SKIFF_C=boot
