# go-preempt: a goroutine that never yields and a main that sleeps (main.go).
GO_MAIN := .
APP_MEMORY := 64
