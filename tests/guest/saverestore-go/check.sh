# saverestore-go: examples/go-httpd (a Linux binary) saved and restored
# while dom0 held a keep-alive connection: it and the request counter
# carry on, and 100 new requests succeed; the save file holds less than
# 3/4 of the domain's memory (free memory is left out) and the restored
# domain holds all of it again.
. "$TESTDIR/../saverestore-check.sh"
