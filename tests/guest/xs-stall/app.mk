# xs-stall: a xenstore request that times out half-written (dom0 stops
# xenstored while the guest writes a value bigger than the request
# ring) is still written whole afterwards, so the requests after it are
# framed right (main.c, dom0.sh).
APP_SRCS := main.c
APP_MEMORY := 32
