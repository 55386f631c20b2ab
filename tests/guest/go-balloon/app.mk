# go-balloon: a Go program allocating and checking memory while dom0
# halves the domain with xl mem-set and gives it back (dom0.sh).
GO_MAIN := .
APP_MEMORY := 128
