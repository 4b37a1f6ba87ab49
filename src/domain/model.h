/* model.h: the records of the ledger as plain structs.
 *
 * Strings are owned by the struct and released by its *_clear function.
 * Ids are 0 when absent; days are DAY_NONE when absent (util/date.h);
 * optional codes (level, closure) are -1 when absent. */
#ifndef QD_DOMAIN_MODEL_H
#define QD_DOMAIN_MODEL_H
#include <stdbool.h>
#include <stdint.h>

struct unit {
	int64_t id, parent_id;
	int kind;        /* enum unit_kind */
	char *name;
	char *code;      /* optional external code, NULL when absent */
	char *path;      /* materialized path "/1/5/23/" */
	int depth;       /* 0 for a root */
	bool active;
	int64_t created_at;
};

struct person {
	int64_t id, unit_id;
	char *name;
	char *title;     /* job title, may be "" */
	bool active;
};

struct account {
	int64_t id, person_id;
	char *login;
	char *pwhash;    /* argon2id encoded string */
	char lang[8];    /* "zh", "en" or "" */
	bool active;
	int64_t created_at;
};

struct grant {
	int64_t id, account_id, unit_id;
	int role;        /* enum role */
	char *unit_path; /* path of unit_id, loaded with the grant */
};

struct category {
	int64_t id;
	char *code, *name;
	bool active;
};

struct item {
	int64_t id;
	char *ext_id;    /* the ledger's 问题编号, unique */
	int kind, source;
	int level;       /* enum level or -1 */
	int64_t category_id;
	char *title, *detail;
	int64_t unit_id;
	char *upath;     /* owner unit's path */
	int64_t responsible_id, claimant_id; /* person ids */
	int mode;
	int found_on, due_on;
	int status;
	int closure;     /* enum closure or -1 */
	int64_t closed_at;
	int closed_on;
	int sendbacks, reopens;
	int64_t created_at, updated_at;
	int version;
	int case_type;   /* enum case_type for a case, else -1 */
	int64_t funds;   /* yuan (元) committed to a deed, 0 = none */
	int64_t beneficiaries; /* people or households served, 0 = none */
};

struct measure {
	int64_t id, item_id;
	int seq;
	char *text;
	int64_t responsible_id;
	int due_on;
	int status;      /* enum measure_status */
	char *evidence;
	int done_on;
	int64_t unit_id;
	char *upath;     /* owner unit path of the item */
	int64_t created_at, updated_at;
};

/* An audit event. before/after are canonical JSON snapshots (NULL = none). */
struct event {
	int64_t id, at, account_id;
	char *action, *entity;
	int64_t entity_id;
	char *before, *after, *note;
	unsigned char row_hash[32];
	bool has_row_hash;
	unsigned char prev_hash[32], hash[32];
};

void unit_clear(struct unit *u);
void person_clear(struct person *p);
void account_clear(struct account *a);
void grant_clear(struct grant *g);
void category_clear(struct category *c);
void item_init(struct item *it);
void item_clear(struct item *it);
void item_copy(struct item *dst, const struct item *src);
void measure_init(struct measure *m);
void measure_clear(struct measure *m);
void measure_copy(struct measure *dst, const struct measure *src);
void event_clear(struct event *ev);

/* Arrays returned by list operations: the caller frees with *_array_free. */
#define DECLARE_ARRAY(type)                                  \
	struct type##_array {                                \
		struct type *v;                              \
		int n, cap;                                  \
	};                                                   \
	struct type *type##_array_push(struct type##_array *a); \
	void type##_array_free(struct type##_array *a);
DECLARE_ARRAY(unit)
DECLARE_ARRAY(person)
DECLARE_ARRAY(account)
DECLARE_ARRAY(grant)
DECLARE_ARRAY(category)
DECLARE_ARRAY(item)
DECLARE_ARRAY(measure)
DECLARE_ARRAY(event)
#undef DECLARE_ARRAY

#endif
