/* hash.h: hashing and random tokens (libsodium). */
#ifndef QD_UTIL_HASH_H
#define QD_UTIL_HASH_H
#include <stdbool.h>
#include <stddef.h>

#define HASH_LEN 32
#define HASH_HEX_LEN (HASH_LEN * 2 + 1)
#define TOKEN_TEXT_LEN 44 /* 32 random bytes, base64url without padding + NUL */

/* Must be called once before any other function here; false on failure. */
bool hash_init(void);
void hash_bytes(const void *data, size_t n, unsigned char out[HASH_LEN]);
void hash_hex(const unsigned char h[HASH_LEN], char out[HASH_HEX_LEN]);
bool hash_from_hex(const char *hex, unsigned char out[HASH_LEN]);
/* A new random token, base64url text. */
void token_new(char out[TOKEN_TEXT_LEN]);
/* Password hashing with argon2id; out receives the encoded string. */
bool password_hash(const char *pw, char *out, size_t outlen);
bool password_verify(const char *encoded, const char *pw);
size_t password_hash_len(void);

/* Incremental hash for chains: fields are length-prefixed so that no two
 * different field sequences produce the same input. */
struct hash_chain_state {
	_Alignas(64) unsigned char st[384]; /* crypto_generichash_state, opaque */
};
void hashc_init(struct hash_chain_state *s);
void hashc_field(struct hash_chain_state *s, const void *data, size_t n);
void hashc_str(struct hash_chain_state *s, const char *str); /* NULL ok */
void hashc_i64(struct hash_chain_state *s, long long v);
void hashc_final(struct hash_chain_state *s, unsigned char out[HASH_LEN]);

#endif
