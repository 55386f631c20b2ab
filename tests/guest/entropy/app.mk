# entropy: getrandom(), getentropy(), arc4random() and the memory devices
# (/dev/urandom, /dev/random, /dev/zero, /dev/full, /dev/null) of a C app;
# dom0 passes a fresh seed= (pre.sh), reboots the domain once and checks
# that the two boots' bytes differ and look random (dom0.sh).
APP_SRCS := main.c
APP_MEMORY := 64
# pre.sh puts "seed=HEX" in front of these words.
APP_EXTRA := one two
