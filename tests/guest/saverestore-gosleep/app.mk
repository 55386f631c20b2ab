# saverestore-gosleep: a Go program (a Linux binary: its clock is the
# vDSO's) sleeping 100 ms at a time while the domain is saved and
# restored (main.go, dom0.sh).
GO_MAIN := .
APP_MEMORY := 64
