/* jsonw.h: a flat JSON object written the way jansson's
 * json_dumps(JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII) writes it,
 * byte for byte, for the audit snapshots.
 *
 * Why not jansson itself: a snapshot is made on every write and, in a bulk
 * load, for every row; building a json_t object and dumping it was a
 * quarter of a bulk load's work. This writer fills a fixed array and sorts
 * the keys once. Its output must not change: the hashes of snapshots
 * already in the audit log depend on it (tests/unit/test_util.c compares
 * it with jansson). */
#ifndef QD_UTIL_JSONW_H
#define QD_UTIL_JSONW_H
#include <stdbool.h>
#include <stdint.h>

#define JW_MAX_FIELDS 48

struct jw_field {
	const char *key;   /* borrowed: must outlive jw_dump */
	enum { JW_INT, JW_STR, JW_NULL, JW_BOOL } type;
	int64_t i;
	const char *s;     /* borrowed */
};

struct jw_object {
	struct jw_field f[JW_MAX_FIELDS];
	int n;
};

void jw_int(struct jw_object *o, const char *key, int64_t v);
/* A string; like json_string, NULL or text that is not well-formed UTF-8
 * leaves the key out. */
void jw_str(struct jw_object *o, const char *key, const char *v);
void jw_null(struct jw_object *o, const char *key);
void jw_bool(struct jw_object *o, const char *key, bool v);
/* The object as text, keys in byte order (a key given twice: the last
 * value, as json_object_set does). Caller frees. */
char *jw_dump(struct jw_object *o);

#endif
