/*
 * The pure parts of the kernel's random generator (kernel/random_gen.c),
 * apart from the entropy sources so that host tests can check them: the
 * ChaCha20 block function (RFC 8439), the BLAKE2s hash (RFC 7693), and a
 * generator that turns one 32-byte key into output with fast key erasure
 * and folds seed material into that key with keyed BLAKE2s.
 * <kernel/random.h> is the interface everyone else uses.
 */
#ifndef KERNEL_RANDOM_GEN_H
#define KERNEL_RANDOM_GEN_H

#include <kernel/types.h>

#define CHACHA20_KEY_LEN 32
#define CHACHA20_NONCE_LEN 12
#define CHACHA20_BLOCK_LEN 64
#define BLAKE2S_LEN 32
#define BLAKE2S_BLOCK_LEN 64

/* One 64-byte block of the ChaCha20 key stream (RFC 8439, 2.3): key,
 * 32-bit block counter, 96-bit nonce. */
void chacha20_block(const uint8_t key[CHACHA20_KEY_LEN], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_LEN],
		    uint8_t out[CHACHA20_BLOCK_LEN]);

/* BLAKE2s with a 32-byte digest, optionally keyed (0 to 32 key bytes). */
struct blake2s {
	uint32_t h[8];
	uint64_t t; /* bytes compressed so far */
	uint8_t buf[BLAKE2S_BLOCK_LEN];
	size_t len; /* bytes waiting in buf */
};

void blake2s_init(struct blake2s *s, const void *key, size_t keylen);
void blake2s_update(struct blake2s *s, const void *in, size_t n);
/* Write the digest and wipe s. */
void blake2s_final(struct blake2s *s, uint8_t out[BLAKE2S_LEN]);

/* Reseeding: first after RNG_RESEED_FIRST_NS, then at intervals that
 * double up to RNG_RESEED_MAX_NS (early material is the weakest, so it
 * is replaced soon), and whenever RNG_RESEED_BYTES have gone out. */
#define RNG_RESEED_FIRST_NS 1000000000ull
#define RNG_RESEED_MAX_NS 60000000000ull
#define RNG_RESEED_BYTES (1ull << 20)

struct rng {
	uint8_t key[CHACHA20_KEY_LEN];
	bool seeded;
	unsigned int reseeds; /* seedings after the first */
	uint64_t reseed_ns;   /* monotonic time of the next reseed */
	uint64_t out_bytes;   /* handed out since the last (re)seed */
};

/* Start folding seed material into g's key: a BLAKE2s keyed with the
 * current key, so that nothing already in it is lost and an attacker
 * who controls some material learns nothing from it. */
void rng_mix_begin(const struct rng *g, struct blake2s *s);
/* The hash of what was fed becomes the new key; g counts as (re)seeded
 * at monotonic time now_ns, and the next reseed is scheduled. */
void rng_mix_end(struct rng *g, struct blake2s *s, uint64_t now_ns);

/* Whether g must be (re)seeded before it hands out more at now_ns. */
bool rng_needs_seed(const struct rng *g, uint64_t now_ns);

/* n bytes of output from a seeded g. Fast key erasure: the first 32
 * bytes of the key stream become the next key before anything is handed
 * out, so the bytes of this call cannot be recomputed from g's state
 * afterwards. */
void rng_generate(struct rng *g, void *out, size_t n);

/* Clear n bytes at p in a way the compiler keeps. */
void rng_wipe(void *p, size_t n);

#endif
