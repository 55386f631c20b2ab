module skiff.test/saverestore-gosleep

go 1.19
