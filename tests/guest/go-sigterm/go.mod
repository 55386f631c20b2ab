module skiff.test/go-sigterm

go 1.19
