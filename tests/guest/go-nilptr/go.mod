module skiff.test/go-nilptr

go 1.19
