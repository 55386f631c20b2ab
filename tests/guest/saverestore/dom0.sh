# dom0 side of saverestore: ../saverestore.sh against examples/httpd.
ip=169.254.10.8
. ./saverestore.sh
