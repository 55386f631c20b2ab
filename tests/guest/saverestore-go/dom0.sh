# dom0 side of saverestore-go: ../saverestore.sh against examples/go-httpd.
ip=169.254.10.9
. ./saverestore.sh
