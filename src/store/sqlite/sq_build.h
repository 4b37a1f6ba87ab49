/* sq_build.h: a small SQL builder for dynamic filters. SQL text is only ever
 * appended from string literals (fragments); every value goes through a named
 * bind. */
#ifndef QD_STORE_SQ_BUILD_H
#define QD_STORE_SQ_BUILD_H
#include "sq.h"
#include "../../util/buf.h"

#define SQLB_MAX_BINDS 32

struct sqlb {
	struct buf sql;
	struct {
		const char *name;
		bool is_text;
		int64_t i;
		char *s;
	} bind[SQLB_MAX_BINDS];
	int n;
};

/* Append a literal fragment. The macro refuses anything but a literal. */
#define sqlb_add(b, lit) sqlb_add_literal((b), "" lit "")
void sqlb_add_literal(struct sqlb *b, const char *fragment);
void sqlb_int(struct sqlb *b, const char *name, int64_t v);
void sqlb_text(struct sqlb *b, const char *name, const char *v); /* copied */
void sqlb_day(struct sqlb *b, const char *name, int day);
/* Prepare (kept by the connection, see sq_prepare_dynamic) and bind; the
 * caller resets it when done (sqlite3_reset), never finalizes it. */
sqlite3_stmt *sqlb_prepare(struct sqlb *b, struct sq_store *s);
void sqlb_free(struct sqlb *b);

#endif
