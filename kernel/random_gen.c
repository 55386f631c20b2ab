/*
 * The generator behind <kernel/random.h>, without its entropy sources
 * (those are in random.c): ChaCha20 makes the output, BLAKE2s folds seed
 * material into the key. Written from RFC 8439 and RFC 7693; host tests
 * check both against the RFCs' vectors (tests/host/test_random.c).
 */
#include <kernel/random_gen.h>
#include <kernel/string.h>

static inline uint32_t rotl32(uint32_t v, int n)
{
	return (v << n) | (v >> (32 - n));
}

static inline uint32_t rotr32(uint32_t v, int n)
{
	return (v >> n) | (v << (32 - n));
}

static inline uint32_t load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline void store_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void rng_wipe(void *p, size_t n)
{
	memset(p, 0, n);
	/* The compiler must assume the memory is read afterwards. */
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

/* --- ChaCha20 ------------------------------------------------------------ */

#define QUARTER(x, a, b, c, d)                                                 \
	do {                                                                   \
		x[a] += x[b];                                                  \
		x[d] = rotl32(x[d] ^ x[a], 16);                                \
		x[c] += x[d];                                                  \
		x[b] = rotl32(x[b] ^ x[c], 12);                                \
		x[a] += x[b];                                                  \
		x[d] = rotl32(x[d] ^ x[a], 8);                                 \
		x[c] += x[d];                                                  \
		x[b] = rotl32(x[b] ^ x[c], 7);                                 \
	} while (0)

void chacha20_block(const uint8_t key[CHACHA20_KEY_LEN], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_LEN],
		    uint8_t out[CHACHA20_BLOCK_LEN])
{
	uint32_t in[16], x[16];
	int i;

	/* "expand 32-byte k" */
	in[0] = 0x61707865;
	in[1] = 0x3320646e;
	in[2] = 0x79622d32;
	in[3] = 0x6b206574;
	for (i = 0; i < 8; i++)
		in[4 + i] = load_le32(key + 4 * i);
	in[12] = counter;
	for (i = 0; i < 3; i++)
		in[13 + i] = load_le32(nonce + 4 * i);
	memcpy(x, in, sizeof(x));
	for (i = 0; i < 10; i++) { /* a column round, then a diagonal one */
		QUARTER(x, 0, 4, 8, 12);
		QUARTER(x, 1, 5, 9, 13);
		QUARTER(x, 2, 6, 10, 14);
		QUARTER(x, 3, 7, 11, 15);
		QUARTER(x, 0, 5, 10, 15);
		QUARTER(x, 1, 6, 11, 12);
		QUARTER(x, 2, 7, 8, 13);
		QUARTER(x, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++)
		store_le32(out + 4 * i, x[i] + in[i]);
	rng_wipe(x, sizeof(x));
	rng_wipe(in, sizeof(in));
}

/* --- BLAKE2s ------------------------------------------------------------- */

static const uint32_t blake2s_iv[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static const uint8_t blake2s_sigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

#define MIX(v, a, b, c, d, x, y)                                               \
	do {                                                                   \
		v[a] += v[b] + (x);                                            \
		v[d] = rotr32(v[d] ^ v[a], 16);                                \
		v[c] += v[d];                                                  \
		v[b] = rotr32(v[b] ^ v[c], 12);                                \
		v[a] += v[b] + (y);                                            \
		v[d] = rotr32(v[d] ^ v[a], 8);                                 \
		v[c] += v[d];                                                  \
		v[b] = rotr32(v[b] ^ v[c], 7);                                 \
	} while (0)

/* Compress the 64 bytes in s->buf; s->t already counts them. */
static void blake2s_compress(struct blake2s *s, bool last)
{
	uint32_t m[16], v[16];
	int i;

	for (i = 0; i < 16; i++)
		m[i] = load_le32(s->buf + 4 * i);
	for (i = 0; i < 8; i++) {
		v[i] = s->h[i];
		v[i + 8] = blake2s_iv[i];
	}
	v[12] ^= (uint32_t)s->t;
	v[13] ^= (uint32_t)(s->t >> 32);
	if (last)
		v[14] = ~v[14];
	for (i = 0; i < 10; i++) {
		const uint8_t *p = blake2s_sigma[i];

		MIX(v, 0, 4, 8, 12, m[p[0]], m[p[1]]);
		MIX(v, 1, 5, 9, 13, m[p[2]], m[p[3]]);
		MIX(v, 2, 6, 10, 14, m[p[4]], m[p[5]]);
		MIX(v, 3, 7, 11, 15, m[p[6]], m[p[7]]);
		MIX(v, 0, 5, 10, 15, m[p[8]], m[p[9]]);
		MIX(v, 1, 6, 11, 12, m[p[10]], m[p[11]]);
		MIX(v, 2, 7, 8, 13, m[p[12]], m[p[13]]);
		MIX(v, 3, 4, 9, 14, m[p[14]], m[p[15]]);
	}
	for (i = 0; i < 8; i++)
		s->h[i] ^= v[i] ^ v[i + 8];
	rng_wipe(m, sizeof(m));
	rng_wipe(v, sizeof(v));
}

void blake2s_init(struct blake2s *s, const void *key, size_t keylen)
{
	if (keylen > BLAKE2S_LEN)
		keylen = BLAKE2S_LEN;
	memcpy(s->h, blake2s_iv, sizeof(s->h));
	/* Parameter block word 0: digest length, key length, fanout 1,
	 * depth 1 (sequential mode). */
	s->h[0] ^= 0x01010000u | (uint32_t)keylen << 8 | BLAKE2S_LEN;
	s->t = 0;
	s->len = 0;
	memset(s->buf, 0, sizeof(s->buf));
	if (keylen) { /* the key, zero-padded, is the first block */
		memcpy(s->buf, key, keylen);
		s->len = BLAKE2S_BLOCK_LEN;
	}
}

void blake2s_update(struct blake2s *s, const void *in, size_t n)
{
	const uint8_t *p = in;
	size_t take;

	while (n) {
		/* A full buffer is compressed only once more input comes:
		 * the last block must be compressed with the final flag. */
		if (s->len == BLAKE2S_BLOCK_LEN) {
			s->t += BLAKE2S_BLOCK_LEN;
			blake2s_compress(s, false);
			s->len = 0;
		}
		take = BLAKE2S_BLOCK_LEN - s->len;
		if (take > n)
			take = n;
		memcpy(s->buf + s->len, p, take);
		s->len += take;
		p += take;
		n -= take;
	}
}

void blake2s_final(struct blake2s *s, uint8_t out[BLAKE2S_LEN])
{
	int i;

	s->t += s->len;
	memset(s->buf + s->len, 0, BLAKE2S_BLOCK_LEN - s->len);
	blake2s_compress(s, true);
	for (i = 0; i < 8; i++)
		store_le32(out + 4 * i, s->h[i]);
	rng_wipe(s, sizeof(*s));
}

/* --- The generator -------------------------------------------------------- */

void rng_mix_begin(const struct rng *g, struct blake2s *s)
{
	blake2s_init(s, g->key, sizeof(g->key));
}

void rng_mix_end(struct rng *g, struct blake2s *s, uint64_t now_ns)
{
	uint64_t wait = RNG_RESEED_MAX_NS;

	blake2s_final(s, g->key);
	if (g->seeded)
		g->reseeds++;
	if (g->reseeds < 6) /* 1, 2, 4, ... 32 s, then every 60 s */
		wait = RNG_RESEED_FIRST_NS << g->reseeds;
	g->seeded = true;
	g->reseed_ns = now_ns + wait;
	g->out_bytes = 0;
}

bool rng_needs_seed(const struct rng *g, uint64_t now_ns)
{
	return !g->seeded || now_ns >= g->reseed_ns ||
	       g->out_bytes >= RNG_RESEED_BYTES;
}

void rng_generate(struct rng *g, void *out, size_t n)
{
	static const uint8_t nonce[CHACHA20_NONCE_LEN];
	uint8_t block[CHACHA20_BLOCK_LEN], key[CHACHA20_KEY_LEN];
	uint8_t *p = out;
	uint32_t counter = 0;
	size_t take;

	/* Every call uses its key for one stream only, so the nonce can
	 * stay zero; the stream's first 32 bytes are the next key. */
	memcpy(key, g->key, sizeof(key));
	chacha20_block(key, counter++, nonce, block);
	memcpy(g->key, block, sizeof(g->key));
	take = n < sizeof(block) - CHACHA20_KEY_LEN
		   ? n
		   : sizeof(block) - CHACHA20_KEY_LEN;
	memcpy(p, block + CHACHA20_KEY_LEN, take);
	p += take;
	n -= take;
	g->out_bytes += take;
	while (n) {
		chacha20_block(key, counter++, nonce, block);
		take = n < sizeof(block) ? n : sizeof(block);
		memcpy(p, block, take);
		p += take;
		n -= take;
		g->out_bytes += take;
	}
	rng_wipe(block, sizeof(block));
	rng_wipe(key, sizeof(key));
}
