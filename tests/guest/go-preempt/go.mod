module skiff.test/go-preempt

go 1.19
