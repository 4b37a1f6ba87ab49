/* charset.c: telling UTF-8 from GB18030 (GBK, GB2312) text, and converting
 * the latter with iconv. */
#include "grid.h"
#include "../util/utf8.h"
#include "../util/alloc.h"
#include "../util/buf.h"
#include <errno.h>
#include <iconv.h>
#include <string.h>

#define BOM "\xEF\xBB\xBF"

static bool has_bom(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, BOM, 3) == 0;
}

static bool is_utf16(const char *s, size_t n)
{
	return n >= 2 && (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0);
}

enum conv { CONV_OK, CONV_BAD, CONV_NO_ICONV };

/* Convert GB18030 to UTF-8 into out (reset first). */
static enum conv gb18030_to_utf8(const char *data, size_t len, struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1)
		return CONV_NO_ICONV;
	buf_reset(out);
	char *in = (char *)data;
	size_t inleft = len;
	char chunk[4096];
	enum conv r = CONV_OK;
	while (inleft > 0) {
		char *o = chunk;
		size_t oleft = sizeof chunk;
		size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
		buf_append(out, chunk, sizeof chunk - oleft);
		if (rc == (size_t)-1 && errno != E2BIG) {
			r = CONV_BAD; /* EILSEQ, or EINVAL: cut off at the end */
			break;
		}
	}
	iconv_close(cd);
	return r;
}

const char *charset_detect(const char *data, size_t len)
{
	if (is_utf16(data, len) || memchr(data, '\0', len))
		return NULL;
	if (has_bom(data, len))
		return utf8_wellformed(data + 3, len - 3) ? "UTF-8" : NULL;
	if (utf8_wellformed(data, len))
		return "UTF-8";
	struct buf tmp = BUF_INIT;
	enum conv r = gb18030_to_utf8(data, len, &tmp);
	buf_free(&tmp);
	return r == CONV_OK ? "GB18030" : NULL;
}

/* A NUL-terminated copy of s[0..n) without a leading BOM. */
static void copy_out(const char *s, size_t n, char **out, size_t *outlen)
{
	size_t skip = has_bom(s, n) ? 3 : 0;
	*outlen = n - skip;
	*out = xstrndup(s + skip, *outlen);
}

qd_err charset_to_utf8(const char *data, size_t len, char **out, size_t *outlen,
		       const char **charset, struct qd_error *e)
{
	*out = NULL;
	*outlen = 0;
	*charset = NULL;
	if (is_utf16(data, len))
		return qd_fail(e, QD_BAD_FILE, NULL, "UTF-16 text: save the file as CSV (UTF-8)");
	const char *nul = memchr(data, '\0', len);
	if (nul)
		return qd_fail(e, QD_BAD_FILE, NULL, "NUL byte at offset %zu: not a text file",
			       (size_t)(nul - data));
	if (utf8_wellformed(data, len)) {
		*charset = "UTF-8";
		copy_out(data, len, out, outlen);
		return QD_OK;
	}
	if (has_bom(data, len))
		return qd_fail(e, QD_BAD_FILE, NULL, "marked as UTF-8 but not valid UTF-8");
	struct buf b = BUF_INIT;
	enum conv r = gb18030_to_utf8(data, len, &b);
	if (r != CONV_OK) {
		buf_free(&b);
		if (r == CONV_NO_ICONV)
			return qd_fail(e, QD_INTERNAL, NULL, "iconv cannot convert GB18030");
		return qd_fail(e, QD_BAD_FILE, NULL, "neither UTF-8 nor GBK/GB18030");
	}
	*charset = "GB18030";
	copy_out(buf_str(&b), b.len, out, outlen);
	buf_free(&b);
	return QD_OK;
}
