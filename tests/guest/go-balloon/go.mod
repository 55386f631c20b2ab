module skiff.test/go-balloon

go 1.19
