module skiff.example/go-hello

go 1.19
