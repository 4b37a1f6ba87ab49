/* utf8.h: UTF-8 validation and length in code points. */
#ifndef QD_UTIL_UTF8_H
#define QD_UTIL_UTF8_H
#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 with no NUL and no C0 controls
 * other than tab, CR and LF. */
bool utf8_valid_text(const char *s, size_t n);
/* True when s[0..n) is well-formed UTF-8, whatever characters it holds
 * (RFC 3629: no overlongs, no surrogates). */
bool utf8_wellformed(const char *s, size_t n);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_len(const char *s);

#endif
