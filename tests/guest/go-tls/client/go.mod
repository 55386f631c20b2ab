module skiff.test/go-tls/client

go 1.19
