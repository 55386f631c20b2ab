module skiff.test/go-recover

go 1.19
