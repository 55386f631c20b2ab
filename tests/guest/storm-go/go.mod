module skiff.test/storm-go

go 1.19
