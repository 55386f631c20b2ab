# go-nilptr: a Go program that writes through a nil pointer (see main.go).
GO_MAIN := .
APP_MEMORY := 64
