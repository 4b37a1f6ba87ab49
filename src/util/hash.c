/* hash.c: thin wrappers over libsodium. */
#include "hash.h"
#include <sodium.h>
#include <string.h>

_Static_assert(sizeof(crypto_generichash_state) <= 384, "state too large");

bool hash_init(void)
{
	return sodium_init() >= 0;
}

void hash_bytes(const void *data, size_t n, unsigned char out[HASH_LEN])
{
	crypto_generichash(out, HASH_LEN, data, n, NULL, 0);
}

void hash_hex(const unsigned char h[HASH_LEN], char out[HASH_HEX_LEN])
{
	sodium_bin2hex(out, HASH_HEX_LEN, h, HASH_LEN);
}

bool hash_from_hex(const char *hex, unsigned char out[HASH_LEN])
{
	size_t n = 0;
	if (!hex || strlen(hex) != HASH_LEN * 2)
		return false;
	return sodium_hex2bin(out, HASH_LEN, hex, HASH_LEN * 2, NULL, &n, NULL) == 0 &&
	       n == HASH_LEN;
}

void token_new(char out[TOKEN_TEXT_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, TOKEN_TEXT_LEN, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

size_t password_hash_len(void)
{
	return crypto_pwhash_STRBYTES;
}

bool password_hash(const char *pw, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return false;
	return crypto_pwhash_str_alg(out, pw, strlen(pw),
				     crypto_pwhash_OPSLIMIT_INTERACTIVE,
				     crypto_pwhash_MEMLIMIT_INTERACTIVE,
				     crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool password_verify(const char *encoded, const char *pw)
{
	if (!encoded || !pw)
		return false;
	return crypto_pwhash_str_verify(encoded, pw, strlen(pw)) == 0;
}

void hashc_init(struct hash_chain_state *s)
{
	crypto_generichash_init((crypto_generichash_state *)s->st, NULL, 0, HASH_LEN);
}

void hashc_field(struct hash_chain_state *s, const void *data, size_t n)
{
	unsigned char len[8];
	for (int i = 0; i < 8; i++)
		len[i] = (unsigned char)((unsigned long long)n >> (8 * i));
	crypto_generichash_update((crypto_generichash_state *)s->st, len, 8);
	if (n)
		crypto_generichash_update((crypto_generichash_state *)s->st, data, n);
}

void hashc_str(struct hash_chain_state *s, const char *str)
{
	if (!str) {
		unsigned char none = 0xff; /* distinct from "" */
		crypto_generichash_update((crypto_generichash_state *)s->st, &none, 1);
		return;
	}
	hashc_field(s, str, strlen(str));
}

void hashc_i64(struct hash_chain_state *s, long long v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((unsigned long long)v >> (8 * i));
	hashc_field(s, b, 8);
}

void hashc_final(struct hash_chain_state *s, unsigned char out[HASH_LEN])
{
	crypto_generichash_final((crypto_generichash_state *)s->st, out, HASH_LEN);
}
