/* alloc.h: allocation that never returns NULL (aborts on out-of-memory). */
#ifndef QD_UTIL_ALLOC_H
#define QD_UTIL_ALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Copy of s (NULL stays NULL); caller frees. */
char *xstrdup(const char *s);
/* Copy of the first n bytes of s, NUL-terminated; caller frees. */
char *xstrndup(const char *s, size_t n);
/* Replace *dst with a copy of src, freeing the old value. */
void xstrset(char **dst, const char *src);

#endif
