/* ledger_names.h: names of units, people and categories by id, looked up
 * once per file (export) or import - internal to app/ledger_*.c. */
#ifndef QD_APP_LEDGER_NAMES_H
#define QD_APP_LEDGER_NAMES_H
#include "app.h"

struct name_entry {
	int64_t id;
	char *name;      /* owned; NULL: looked up and not found */
};
struct name_cache {
	struct name_entry *v;
	size_t cap, n;
};

struct ledger_names {
	struct store *st;
	struct name_cache units;     /* unit id -> its name */
	struct name_cache paths;     /* unit id -> "县/乡/村" from the root */
	struct name_cache people;    /* person id -> name */
	struct name_cache categories;
};

void ledger_names_init(struct ledger_names *n, struct store *st);
void ledger_names_free(struct ledger_names *n);
/* "" when the id is 0 or unknown. */
const char *ledger_unit_path(struct ledger_names *n, int64_t unit_id);
const char *ledger_unit_code(struct ledger_names *n, int64_t unit_id);
const char *ledger_person(struct ledger_names *n, int64_t person_id);
const char *ledger_category(struct ledger_names *n, int64_t category_id);

#endif
