# Simple statistical checks of random bytes given as "entropy: urandom
# HEX" lines (busybox awk in dom0): the share of one bits (monobit), the
# byte histogram against a uniform one (chi-square, 255 degrees of
# freedom), the longest run of equal bits, and no 8-byte word twice.
# Each bound fails a good generator about once in a million runs or less.
# -v boot=N names the boot in the messages. Exits 1 if a check fails.
# No "^": busybox awk may lack the math library.
BEGIN {
	for (k = 0; k < 8; k++)
		pow2[k] = k ? pow2[k - 1] * 2 : 1
	for (i = 0; i < 16; i++) {
		c = substr("0123456789abcdef", i + 1, 1)
		val[c] = i
		ones[c] = (i % 2) + int(i / 2) % 2 + int(i / 4) % 2 + int(i / 8) % 2
	}
}
{
	hex = $3
	for (i = 1; i <= length(hex); i += 2) {
		hi = substr(hex, i, 1)
		lo = substr(hex, i + 1, 1)
		b = val[hi] * 16 + val[lo]
		count[b]++
		bits += ones[hi] + ones[lo]
		nbytes++
		# runs of equal bits, most significant bit first
		for (k = 7; k >= 0; k--) {
			bit = int(b / pow2[k]) % 2
			if (bit == last) {
				run++
			} else {
				run = 1
				last = bit
			}
			if (run > longest)
				longest = run
		}
	}
	for (i = 1; i <= length(hex); i += 16) {
		w = substr(hex, i, 16)
		if (w in seen)
			dup++
		seen[w] = 1
	}
}
END {
	bad = 0
	n = nbytes * 8
	if (nbytes != 4096) {
		printf "boot %d: expected 4096 bytes, got %d\n", boot, nbytes
		exit 1
	}
	# Monobit: n/2 ones, standard deviation sqrt(n)/2 = 90.5; 5 sigma.
	d = bits - n / 2
	if (d < 0)
		d = -d
	if (d > 453) {
		printf "boot %d: monobit: %d ones in %d bits\n", boot, bits, n
		bad = 1
	}
	# Chi-square of the byte counts: mean 255, sd 22.6; 5 sigma
	# either way (too even is as suspect as too uneven).
	chi = 0
	for (b = 0; b < 256; b++)
		chi += (count[b] - 16) * (count[b] - 16) / 16
	if (chi < 142 || chi > 368) {
		printf "boot %d: chi-square of the bytes %.1f\n", boot, chi
		bad = 1
	}
	# 32768 bits: the longest run is about 15; over 30 has odds ~1e-5.
	if (longest > 30) {
		printf "boot %d: a run of %d equal bits\n", boot, longest
		bad = 1
	}
	if (dup) {
		printf "boot %d: %d repeated 8-byte words\n", boot, dup
		bad = 1
	}
	if (!bad)
		printf "boot %d: 4096 bytes: %d one bits of %d, chi-square %.1f, longest run %d, no repeated word\n", boot, bits, n, chi, longest
	exit bad
}
