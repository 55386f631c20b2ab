module skiff.test/go-panic

go 1.19
