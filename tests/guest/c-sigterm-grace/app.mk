# c-sigterm-grace: c-sigterm's program handling SIGTERM and never exiting,
# with a grace period of 2 s given on the command line.
MUSL_SRCS := ../c-sigterm/sigterm.c
APP_MEMORY := 16
APP_EXTRA := stop_grace=2 stay
