# go-exec-go1.23: tests/guest/go-exec built with Go 1.23, whose os package
# starts children with clone(CLONE_PIDFD) and waits and signals through
# the pidfd (waitid P_PIDFD, pidfd_send_signal) once its probe finds them
# working, as it does on Skiff. "override": the name promises that
# version whatever GO_VERSION make's command line gives.
include $(APP_DIR)/../go-exec/app.mk
# The program is go-exec's folder (its own GO_MAIN is ".").
GO_MAIN := ../go-exec
override GO_VERSION := 1.23
