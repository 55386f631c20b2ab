# gohello: examples/go-hello's own Go package, with arguments to print.
GO_MAIN := ../../../examples/go-hello
APP_MEMORY := 64
APP_EXTRA := one 'two words' three
