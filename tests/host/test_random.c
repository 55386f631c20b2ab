/*
 * Tests of kernel/random_gen.c, the pure part of the kernel's random
 * generator: ChaCha20 against RFC 8439's block vectors, BLAKE2s against
 * RFC 7693's and the reference implementation's digests, and the
 * generator's fast key erasure, seeding and reseed schedule.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/random_gen.h>

#include "check.h"

/* hex (no spaces) into out; returns the byte count. */
static size_t unhex(const char *hex, uint8_t *out)
{
	size_t n = 0;
	unsigned int b;

	while (hex[0] && hex[1] && sscanf(hex, "%2x", &b) == 1) {
		out[n++] = (uint8_t)b;
		hex += 2;
	}
	return n;
}

static bool check_hex(const uint8_t *got, const char *hex, size_t n)
{
	uint8_t want[256];

	return CHECK_EQ_U64(unhex(hex, want), n) && CHECK_MEM(got, want, n);
}

static const uint8_t zero_nonce[CHACHA20_NONCE_LEN];

/* RFC 8439, 2.3.2: key 00..1f, nonce 00 00 00 09 00 00 00 4a 00 00 00
 * 00, block counter 1. */
static void chacha20_rfc8439_block(void)
{
	uint8_t key[32], nonce[12] = {0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
	uint8_t out[64];
	int i;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	chacha20_block(key, 1, nonce, out);
	check_hex(out,
		  "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3"
		  "d46c4ed2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd0"
		  "83e8a2503c4e",
		  64);
}

/* RFC 8439, A.1, test vectors 1 to 3. */
static void chacha20_rfc8439_appendix(void)
{
	uint8_t key[32] = {0}, out[64];

	chacha20_block(key, 0, zero_nonce, out);
	check_hex(out,
		  "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b"
		  "770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387"
		  "b669b2ee6586",
		  64);
	chacha20_block(key, 1, zero_nonce, out);
	check_hex(out,
		  "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32"
		  "ee7aed29b721769ce64e43d57133b074d839d531ed1f28510afb45ace1"
		  "0a1f4b794d6f",
		  64);
	key[31] = 1;
	chacha20_block(key, 1, zero_nonce, out);
	check_hex(out,
		  "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c9"
		  "49aa5a8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64a"
		  "ddeb006c13a0",
		  64);
}

static void blake2s_digest(const void *key, size_t keylen, const void *msg,
			   size_t n, uint8_t out[32])
{
	struct blake2s s;

	blake2s_init(&s, key, keylen);
	blake2s_update(&s, msg, n);
	blake2s_final(&s, out);
}

/* RFC 7693, appendix B ("abc"); the empty message; the keyed vector of
 * the reference implementation's test file (key 00..1f, no message). */
static void blake2s_known_answers(void)
{
	uint8_t key[32], out[32];
	int i;

	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	blake2s_digest(NULL, 0, "abc", 3, out);
	check_hex(out,
		  "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86"
		  "675982",
		  32);
	blake2s_digest(NULL, 0, "", 0, out);
	check_hex(out,
		  "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1e"
		  "d0eef9",
		  32);
	blake2s_digest(key, 32, "", 0, out);
	check_hex(out,
		  "48a8997da407876b3d79c0d92325ad3b89cbb754d86ab71aee047ad345"
		  "fd2c49",
		  32);
}

/* Block boundaries: messages of 64, 65, 128 and 255 bytes (00, 01, ...),
 * whole and fed in pieces of every size from 1 to 70. */
static void blake2s_block_boundaries(void)
{
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
	    {64, "56f34e8b96557e90c1f24b52d0c89d51086acf1b00f634cf1dde9233b8ea"
		 "aa3e"},
	    {65, "1b53ee94aaf34e4b159d48de352c7f0661d0a40edff95a0b1639b4090e97"
		 "4472"},
	    {128, "1fa877de67259d19863a2a34bcc6962a2b25fcbf5cbecd7ede8f1fa36688"
		  "a796"},
	    {255, "f03f5789d3336b80d002d59fdf918bdb775b00956ed5528e86aa994acb38"
		  "fe2d"},
	};
	uint8_t msg[255], out[32];
	struct blake2s s;
	size_t i, piece, at, take;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		blake2s_digest(NULL, 0, msg, v[i].n, out);
		check_hex(out, v[i].hex, 32);
		for (piece = 1; piece <= 70; piece++) {
			blake2s_init(&s, NULL, 0);
			for (at = 0; at < v[i].n; at += take) {
				take =
				    v[i].n - at < piece ? v[i].n - at : piece;
				blake2s_update(&s, msg + at, take);
			}
			blake2s_final(&s, out);
			if (!check_hex(out, v[i].hex, 32))
				return;
		}
	}
}

/* Fast key erasure: a generator with key K hands out the ChaCha20 stream
 * of K (nonce 0) from byte 32 on, and keeps bytes 0..31 as its next
 * key. With the all-zero key that stream is RFC 8439's A.1 vectors 1
 * and 2, block after block. */
static void generate_fast_key_erasure(void)
{
	uint8_t out[96], next[64];
	struct rng g = {.seeded = true};

	rng_generate(&g, out, sizeof(out));
	/* block 0's second half, then block 1 */
	check_hex(out,
		  "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2"
		  "ee6586",
		  32);
	check_hex(out + 32,
		  "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32"
		  "ee7aed29b721769ce64e43d57133b074d839d531ed1f28510afb45ace1"
		  "0a1f4b794d6f",
		  64);
	/* block 0's first half is the new key ... */
	check_hex(g.key,
		  "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b"
		  "770dc7",
		  32);
	CHECK_EQ_U64(g.out_bytes, 96);
	/* ... and the next call's bytes come from it, not from the old one. */
	chacha20_block(g.key, 0, zero_nonce, next);
	rng_generate(&g, out, 10);
	CHECK_MEM(out, next + 32, 10);
	CHECK_MEM(g.key, next, 32);
}

/* Short and odd lengths take a prefix of the same stream; 0 bytes still
 * moves the key on. */
static void generate_lengths(void)
{
	struct rng a = {.seeded = true}, b = {.seeded = true};
	uint8_t big[200], small[200];
	size_t n;

	memset(a.key, 0x5a, 32);
	for (n = 0; n <= sizeof(small); n += 7) {
		memcpy(b.key, a.key, 32);
		memset(small, 0xee, sizeof(small));
		rng_generate(&b, small, n);
		{
			struct rng c = a;

			rng_generate(&c, big, sizeof(big));
			if (!CHECK_MEM(small, big, n) ||
			    !CHECK_MEM(b.key, c.key, 32))
				return;
		}
		CHECK(n == sizeof(small) || small[n] == 0xee);
		CHECK(memcmp(b.key, a.key, 32) != 0);
	}
}

/* Seeding: the new key is BLAKE2s keyed with the old one over the
 * material (values from the reference implementation), so material
 * adds to the key and never replaces it. */
static void mix_is_keyed_blake2s(void)
{
	struct rng g = {0}, h = {0};
	struct blake2s s;

	rng_mix_begin(&g, &s);
	blake2s_update(&s, "seed material", 13);
	rng_mix_end(&g, &s, 0);
	check_hex(g.key,
		  "46f4ccf3a1137bed0d4aa82cd212e1aadb6e5823a1988a6ae1f67ad247"
		  "bc9959",
		  32);
	CHECK(g.seeded);
	/* The same material on another key gives another key. */
	memset(h.key, 1, 32);
	rng_mix_begin(&h, &s);
	blake2s_update(&s, "seed material", 13);
	rng_mix_end(&h, &s, 0);
	CHECK(memcmp(g.key, h.key, 32) != 0);
}

static void reseed(struct rng *g, uint64_t now)
{
	struct blake2s s;

	rng_mix_begin(g, &s);
	blake2s_update(&s, &now, sizeof(now));
	rng_mix_end(g, &s, now);
}

/* The schedule: unseeded needs a seed; then 1, 2, 4, 8, 16, 32 s after
 * each reseed, then every 60 s; and after 1 MiB of output at any time. */
static void reseed_schedule(void)
{
	static const uint64_t s = 1000000000ull;
	static const uint64_t waits[] = {1, 2, 4, 8, 16, 32, 60, 60, 60};
	struct rng g = {0};
	uint64_t now = 5 * s;
	uint8_t buf[4096];
	size_t i, total;

	CHECK(rng_needs_seed(&g, 0));
	reseed(&g, now);
	for (i = 0; i < sizeof(waits) / sizeof(waits[0]); i++) {
		CHECK(!rng_needs_seed(&g, now));
		CHECK(!rng_needs_seed(&g, now + waits[i] * s - 1));
		if (!CHECK(rng_needs_seed(&g, now + waits[i] * s)))
			FAIL("reseed %zu: not due after %llu s", i,
			     (unsigned long long)waits[i]);
		now += waits[i] * s;
		reseed(&g, now);
	}
	CHECK_EQ_U64(g.reseeds, 9);
	/* Output-based: due once 1 MiB went out, not before. */
	for (total = 0; total + sizeof(buf) < RNG_RESEED_BYTES;
	     total += sizeof(buf))
		rng_generate(&g, buf, sizeof(buf));
	CHECK(!rng_needs_seed(&g, now));
	rng_generate(&g, buf, sizeof(buf));
	CHECK(rng_needs_seed(&g, now));
	reseed(&g, now);
	CHECK_EQ_U64(g.out_bytes, 0);
	CHECK(!rng_needs_seed(&g, now));
}

/* Two generators seeded with different material share no output. */
static void different_seeds_differ(void)
{
	struct rng a = {0}, b = {0};
	uint8_t x[64], y[64];

	reseed(&a, 1);
	reseed(&b, 2);
	rng_generate(&a, x, sizeof(x));
	rng_generate(&b, y, sizeof(y));
	CHECK(memcmp(x, y, sizeof(x)) != 0);
}

CHECK_MAIN("random", CHECK_TEST(chacha20_rfc8439_block),
	   CHECK_TEST(chacha20_rfc8439_appendix),
	   CHECK_TEST(blake2s_known_answers),
	   CHECK_TEST(blake2s_block_boundaries),
	   CHECK_TEST(generate_fast_key_erasure), CHECK_TEST(generate_lengths),
	   CHECK_TEST(mix_is_keyed_blake2s), CHECK_TEST(reseed_schedule),
	   CHECK_TEST(different_seeds_differ))
