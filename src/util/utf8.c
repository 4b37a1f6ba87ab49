/* utf8.c: strict UTF-8 checks (RFC 3629: no overlongs, no surrogates). */
#include "utf8.h"

/* Well-formed UTF-8; with text, also no NUL, no DEL and no C0 controls
 * other than tab, CR and LF. */
static bool utf8_check(const char *str, size_t n, bool text)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c < 0x80) {
			if (text && c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return false;
			if (text && c == 0x7f)
				return false;
			i++;
			continue;
		}
		int extra;
		unsigned cp, min;
		if (c >= 0xc2 && c <= 0xdf) {
			extra = 1, cp = c & 0x1f, min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			extra = 2, cp = c & 0x0f, min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			extra = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if (i + (size_t)extra >= n)
			return false;
		for (int k = 1; k <= extra; k++) {
			unsigned cc = s[i + (size_t)k];
			if ((cc & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (cc & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += (size_t)extra + 1;
	}
	return true;
}

bool utf8_valid_text(const char *s, size_t n)
{
	return utf8_check(s, n, true);
}

bool utf8_wellformed(const char *s, size_t n)
{
	return utf8_check(s, n, false);
}

size_t utf8_len(const char *str)
{
	size_t n = 0;
	for (const unsigned char *s = (const unsigned char *)str; *s; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}
