# go-panic: a Go program that panics (see main.go).
GO_MAIN := .
APP_MEMORY := 64
