module skiff.test/go-tls

go 1.19
