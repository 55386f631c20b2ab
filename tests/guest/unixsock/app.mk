# unixsock: AF_UNIX sockets (socketpair, stream, datagram and seqpacket by
# path and abstract name, SCM_RIGHTS, EPIPE, epoll), sendmsg/recvmsg with
# iovecs on unix and inet (loopback) sockets, and the netlink route
# socket, in a static musl program. The vif has a fixed MAC and address
# so that check.sh can compare what netlink reported.
MUSL_SRCS := main.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 32
APP_VIFS := bridge=xenbr0,mac=00:16:3e:0a:0a:15
APP_EXTRA := ip=169.254.10.21/16
