module skiff.example/go-httpd

go 1.19
