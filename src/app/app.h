/* app.h: the use cases shared by the web pages, the JSON API and the CLI.
 *
 * Each use case: authorize against the actor's grants -> apply the domain
 * rule -> one store transaction that writes the record, the counters and the
 * audit event. Errors come back as qd_err with a filled struct qd_error;
 * nothing here knows HTTP. An app is bound to one store connection and is
 * used by one thread at a time. */
#ifndef QD_APP_H
#define QD_APP_H
#include "../domain/item_rules.h"
#include "../domain/model.h"
#include "../domain/rates.h"
#include "../domain/stats.h"
#include "../store/store.h"
#include "../ledger/columns.h"
#include "../util/err.h"

struct app {
	struct store *st;
};

/* Open the database (create: a new one, with time zone tz or the default
 * Asia/Shanghai) and apply the deployment's time zone. */
qd_err app_open(const char *db, bool create, const char *tz, struct app *out,
		struct qd_error *e);
void app_close(struct app *a);
/* Run fn as one transaction around several use cases (each of which nests
 * as a savepoint): all of them land, or none. For batches such as the
 * demo builder or an import: thousands of changes share one commit. */
qd_err app_batch(struct app *a, qd_err (*fn)(struct app *a, void *ctx, struct qd_error *e),
		 void *ctx, struct qd_error *e);

/* Who is acting. The system actor (CLI operator, demo builder) has every
 * right; any other actor has exactly its grants. */
struct actor {
	bool system;
	int64_t account_id, person_id;
	char *login;
	char *person_name;
	char lang[8];
	struct grant_array grants;
};

void actor_init_system(struct actor *a);
void actor_clear(struct actor *a);
/* Whether actor may do action on a record of the unit with path. */
bool actor_can(const struct actor *a, enum perm_action action, const char *path);
/* Whether some grant of actor allows action somewhere (who gets a form). */
bool actor_can_somewhere(const struct actor *a, enum perm_action action);

/* --- accounts and sessions (app/auth.c) --- */
#define SESSION_TTL (12 * 3600)        /* idle expiry of a login session */
/* Absolute lifetime of a web session, however busy it is: a working week
 * from the login. It bounds what a stolen cookie kept alive by use, or a
 * session left open on a shared office PC, is worth. Ordinary use hardly
 * meets it: 12 idle hours end most sessions overnight anyway, so only
 * sessions used around the clock do. NIST SP 800-63B asks a password-only
 * login (AAL1) to be repeated at least every 30 days and 12 hours where a
 * second factor is required (AAL2); qingdan has no second factor, and a
 * week keeps a leaked cookie short-lived without logging out those who
 * work past midnight every day. Written as the row's expires_at. */
#define SESSION_MAX_AGE (7 * 24 * 3600)
#define API_TOKEN_TTL (365 * 24 * 3600)
/* Check login and password; on success create a session or API token
 * ("session" or "api") and write its secret to token. */
qd_err app_login(struct app *a, const char *login, const char *password, const char *kind,
		 char token[64], int64_t *account_id, struct qd_error *e);
/* Resolve a token to its actor (grants loaded). */
qd_err app_authenticate(struct app *a, const char *token, struct actor *out,
			struct qd_error *e);
qd_err app_logout(struct app *a, const char *token, struct qd_error *e);
/* Issue an API token for an account (CLI, system actor). */
qd_err app_token_issue(struct app *a, const struct actor *ac, int64_t account_id,
		       char token[64], struct qd_error *e);
qd_err app_actor_load(struct app *a, int64_t account_id, struct actor *out,
		      struct qd_error *e);

/* --- units (app/units.c) --- */
qd_err app_unit_add(struct app *a, const struct actor *ac, struct unit *u, struct qd_error *e);
/* Change name, kind, code and active flag of unit u->id. */
qd_err app_unit_update(struct app *a, const struct actor *ac, const struct unit *u,
		       struct qd_error *e);
qd_err app_unit_move(struct app *a, const struct actor *ac, int64_t id, int64_t new_parent,
		     struct qd_error *e);
qd_err app_unit_get(struct app *a, const struct actor *ac, int64_t id, struct unit *out,
		    struct qd_error *e);
/* The subtree of id down to max_depth levels below it. */
qd_err app_unit_tree(struct app *a, const struct actor *ac, int64_t id, int levels,
		     struct unit_array *out, struct qd_error *e);
/* A unit by its code or its id (the code wins), for tools such as the CLI;
 * PA_READ on it. */
qd_err app_unit_find(struct app *a, const struct actor *ac, const char *ref, struct unit *out,
		     struct qd_error *e);
/* The units the actor's grants start at (its scopes). */
qd_err app_unit_roots(struct app *a, const struct actor *ac, struct unit_array *out,
		      struct qd_error *e);

/* --- people, accounts, grants, categories (app/people.c) --- */
qd_err app_person_add(struct app *a, const struct actor *ac, struct person *p,
		      struct qd_error *e);
qd_err app_person_get(struct app *a, const struct actor *ac, int64_t id, struct person *out,
		      struct qd_error *e);
qd_err app_person_list(struct app *a, const struct actor *ac, int64_t unit_id, int limit,
		       int offset, struct person_array *out, struct qd_error *e);
qd_err app_account_add(struct app *a, const struct actor *ac, struct account *acc,
		       const char *password, struct qd_error *e);
/* Set the password of login (the account itself, or PA_ACCOUNT_ADMIN over
 * its person's unit) and, in the same transaction, end every web session
 * and API token of the account; the account.passwd event's note says how
 * many. */
qd_err app_account_passwd(struct app *a, const struct actor *ac, const char *login,
			  const char *password, struct qd_error *e);
qd_err app_grant_add(struct app *a, const struct actor *ac, struct grant *g,
		     struct qd_error *e);
qd_err app_grant_remove(struct app *a, const struct actor *ac, int64_t grant_id,
			struct qd_error *e);
qd_err app_category_add(struct app *a, const struct actor *ac, struct category *c,
			struct qd_error *e);
qd_err app_category_list(struct app *a, struct category_array *out, struct qd_error *e);
#define PASSWORD_MIN 8

/* --- items (app/items.c) --- */
struct item_input {
	struct item it;        /* the fields to set; status fields are ignored */
	int due_working_days;  /* > 0: due_on = that many working days after found_on */
	bool already_fixed;    /* an immediate item recorded as fixed */
};
qd_err app_item_create(struct app *a, const struct actor *ac, struct item_input *in,
		       struct qd_error *e);
/* Look up by numeric id or external id (问题编号). */
qd_err app_item_get(struct app *a, const struct actor *ac, const char *ref, struct item *out,
		    struct qd_error *e);
/* Write edited fields of it (it->version must be the version read). */
qd_err app_item_update(struct app *a, const struct actor *ac, struct item *it,
		       struct qd_error *e);
/* Apply a state-machine action; t->closure / t->reason as the action needs. */
qd_err app_item_act(struct app *a, const struct actor *ac, int64_t id, enum item_action act,
		    int closure, const char *reason, struct item *out, struct qd_error *e);
/* List items of the subtree of f->upath's unit (unit_id resolved by caller). */
qd_err app_item_list(struct app *a, const struct actor *ac, int64_t unit_id,
		     struct item_filter *f, struct item_array *out, bool *has_more,
		     struct qd_error *e);
/* The audit events of an item and its measures (the caller has read the item). */
qd_err app_item_history(struct app *a, const struct actor *ac, int64_t item_id,
			struct event_array *out, struct qd_error *e);
qd_err app_responsibility(struct app *a, const struct actor *ac, int64_t unit_id, int limit,
			  struct resp_row_array *out, struct qd_error *e);

/* --- measures (app/measures.c) --- */
qd_err app_measure_add(struct app *a, const struct actor *ac, struct measure *m,
		       struct qd_error *e);
/* Write edited fields of m (text, responsible, due, status, evidence). */
qd_err app_measure_update(struct app *a, const struct actor *ac, struct measure *m,
			  struct qd_error *e);
qd_err app_measure_get(struct app *a, const struct actor *ac, int64_t id, struct measure *out,
		       struct qd_error *e);
qd_err app_measure_list(struct app *a, const struct actor *ac, int64_t unit_id,
			struct measure_filter *f, struct measure_array *out, bool *has_more,
			struct qd_error *e);
qd_err app_measures_of(struct app *a, int64_t item_id, struct measure_array *out,
		       struct qd_error *e);

/* --- opinions from the public (app/opinions.c) --- */
/* Take an opinion: from the public (ac NULL: channel web, no login) or
 * entered by staff (PA_ITEM_CREATE on its unit). Sets o->code, the tracking
 * code to give the submitter. */
qd_err app_opinion_submit(struct app *a, const struct actor *ac, struct opinion *o,
			  struct qd_error *e);
/* An opinion by tracking code, for its submitter: personal data removed. */
qd_err app_opinion_public(struct app *a, const char *code, struct opinion *out,
			  struct qd_error *e);
/* Opinions of the subtree q->upath (PA_READ there); name and contact kept
 * only where the actor has PA_READ_PERSONAL. */
qd_err app_opinion_list(struct app *a, const struct actor *ac, const struct opinion_query *q,
			struct opinion **out, int *n, bool *more, struct qd_error *e);
void opinions_free(struct opinion *v, int n);
/* The opinions joined to an item (up to max, oldest first) and how many
 * there are, for a reader of the item; personal data as app_opinion_list. */
qd_err app_item_opinions(struct app *a, const struct actor *ac, const struct item *it, int max,
			 struct opinion **out, int *n, int64_t *total, struct qd_error *e);
/* The updates of one opinion (ours and Open311 clients'), for staff
 * (PA_READ on its unit). */
qd_err app_opinion_updates(struct app *a, const struct actor *ac, const struct opinion *o,
			   struct opinion_update **out, int *n, struct qd_error *e);
/* An opinion for staff (PA_READ); name and contact only with PA_READ_PERSONAL. */
qd_err app_opinion_get(struct app *a, const struct actor *ac, int64_t id, struct opinion *out,
		       struct qd_error *e);
/* Triage: make a new item of it (in->it filled by the caller, source set to
 * opinion), join it to an existing item, or reject it with a reason. */
qd_err app_opinion_accept(struct app *a, const struct actor *ac, int64_t id,
			  struct item_input *in, struct qd_error *e);
qd_err app_opinion_link(struct app *a, const struct actor *ac, int64_t id, int64_t item_id,
			struct qd_error *e);
qd_err app_opinion_reject(struct app *a, const struct actor *ac, int64_t id, const char *reason,
			  struct qd_error *e);
/* A reply to the submitter. */
qd_err app_opinion_reply(struct app *a, const struct actor *ac, int64_t id, const char *text,
			 struct qd_error *e);
/* The submitter rates the answer; 不满意 reopens the item with the comment. */
qd_err app_opinion_rate(struct app *a, const char *code, int rating, const char *comment,
			struct qd_error *e);
/* Internal to app/: a client's request, stored with the name and contact
 * it carries (app/open311.c); forget_personal drops them from a copy being
 * shown. */
qd_err opinion_submit_for_client(struct app *a, const struct o311_client *c, struct opinion *o,
				 struct qd_error *e);
void forget_personal(struct opinion *o);
/* Inside a sign-off: answer the item's opinions with the resolution. */
qd_err opinions_answer_for_item(struct store *st, const struct actor *ac, const struct item *it,
				const char *resolution, struct qd_error *e);
/* Inside a send-back or reopening: the item's opinions are handled again. */
qd_err opinions_redo_for_item(struct store *st, const struct actor *ac, const struct item *it,
			      const char *reason, struct qd_error *e);
char *snap_opinion(const struct opinion *o);
/* Internal to app/: an item and a measure as a ledger file records them,
 * inside the import's transaction (app/items.c, app/measures.c); with a
 * bulk writer (app/bulk.c) their counters are gathered and one event per
 * batch records them, else each gets its counters and event at once.
 * The importer needs PA_ITEM_CREATE on the item's unit, PA_ITEM_WORK too
 * for a state past open and for measures (as the API), and PA_ITEM_VERIFY
 * for a closed item. */
struct bulk;
qd_err item_import_insert(struct store *st, const struct actor *ac, struct item *it,
			  struct bulk *b, struct qd_error *e);
qd_err measure_import_insert(struct store *st, const struct actor *ac, struct measure *m,
			     const struct item *it, struct bulk *b, struct qd_error *e);
/* Working days in (from, to] by the holiday calendar (app/stats.c). */
qd_err cal_working_days(struct store *st, int from, int to, int *out);
/* The latest day whose limit of n working days ended before today. */
qd_err cal_days_back(struct store *st, int today, int n, int *out);

/* --- statistics and calendar (app/stats.c) --- */
/* A few all-time counters of a unit's subtree by name, and its overdue
 * items (a dashboard's child units): out[i] for metrics[i]. */
qd_err app_stats_pick(struct app *a, const struct actor *ac, int64_t unit_id,
		      const char *const *metrics, int n, int64_t *out, int64_t *overdue,
		      struct qd_error *e);
qd_err app_stats(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
		 struct stat_result *out, struct qd_error *e);
/* kind "off", "on" or NULL (remove). */
qd_err app_calendar_set(struct app *a, const struct actor *ac, int day, const char *kind,
			struct qd_error *e);
qd_err app_due_from_working_days(struct app *a, int start, int n, int *out,
				 struct qd_error *e);

/* Set a deployment setting (system actor or top-level admin), audited. */
qd_err app_setting_set(struct app *a, const struct actor *ac, const char *key,
		       const char *value, struct qd_error *e);
/* The same for a longer value (rules kept as JSON). */
qd_err app_setting_put(struct app *a, const struct actor *ac, const char *key,
		       const char *value, int max_chars, struct qd_error *e);
/* The account with this login (for operators' tools; no permission check). */
qd_err app_account_find(struct app *a, const char *login, struct account *out,
			struct qd_error *e);

/* --- Open311 clients, requests and updates (app/open311.c) --- */
/* Register a client for a unit's subtree (system actor or a top-level
 * admin); *key gets the api_key, shown once (only its hash is kept). */
qd_err app_o311_client_add(struct app *a, const struct actor *ac, const char *name,
			   int64_t unit_id, struct o311_client *out, char **key,
			   struct qd_error *e);
qd_err app_o311_client_revoke(struct app *a, const struct actor *ac, int64_t id,
			      struct qd_error *e);
qd_err app_o311_client_list(struct app *a, struct o311_client **out, int *n,
			    struct qd_error *e);
void o311_clients_free(struct o311_client *v, int n);
/* The client holding api_key; QD_FORBIDDEN when there is none or it was
 * revoked. */
qd_err app_o311_client_auth(struct app *a, const char *api_key, struct o311_client *out,
			    struct qd_error *e);
/* The unit an Open311 jurisdiction_id names (its code or id); NULL or
 * empty: the first top-level unit. */
qd_err app_o311_jurisdiction(struct app *a, const char *jurisdiction_id, struct unit *out,
			     struct qd_error *e);
/* A request posted by a client: an opinion of channel open311 for a unit
 * in the client's subtree (o->unit_id 0: the client's own unit). */
qd_err app_o311_submit(struct app *a, const struct o311_client *c, struct opinion *o,
		       struct qd_error *e);
/* Requests of a subtree for Open311 readers. Names and contacts are
 * removed; the submitted text, address, location, staff's reply and the
 * reason of a rejection too unless client covers the opinion's unit. */
qd_err app_o311_requests(struct app *a, const struct o311_client *c,
			 const struct opinion_query *q, struct opinion **out, int *n, bool *more,
			 struct qd_error *e);
/* One item as the public may see it (title, status, dates, unit): no
 * detail, no people. */
qd_err app_item_public(struct app *a, int64_t id, struct item *out, struct qd_error *e);
/* qingdan's updates at [from, to), oldest first, of the requests in the
 * client's area within the jurisdiction (QD_FORBIDDEN when they do not
 * overlap). */
qd_err app_o311_updates(struct app *a, const struct o311_client *c, const struct unit *jur,
			int64_t from, int64_t to, int limit, struct opinion_update **out, int *n,
			bool *more, struct qd_error *e);
void opinion_updates_free(struct opinion_update *v, int n);
/* An update pushed by a client for a request in its subtree: kept for
 * staff; a rating (satisfied/basic/unsatisfied, or -1) is the submitter's
 * (不满意 reopens the item). The same external_id twice is one update
 * (QD_CONFLICT when its content differs); out gets the stored update. */
qd_err app_o311_push_update(struct app *a, const struct o311_client *c, int64_t opinion_id,
			    const char *status, const char *description,
			    const char *external_id, int rating, const char *comment,
			    struct opinion_update *out, struct qd_error *e);

/* --- the hotline rates and their ranking (app/rates.c) --- */
/* The default period of the rates and the board, two months up to today,
 * for whichever of from and to is DAY_NONE. */
void app_default_period(int *from, int *to);
/* The unit of a public page (the board): an active one by id, or with id
 * 0 the first top-level unit. */
qd_err app_public_unit(struct app *a, int64_t id, struct unit *out, struct qd_error *e);
/* The rules in force: the setting "rates.rules" (JSON), else the defaults. */
qd_err app_rate_rules(struct app *a, struct rate_rules *out, struct qd_error *e);
/* Replace the rules (a top-level admin); json as rate_rules_json writes. */
qd_err app_rate_rules_set(struct app *a, const struct actor *ac, const char *json,
			  struct qd_error *e);
char *rate_rules_json(const struct rate_rules *rr);
qd_err rate_rules_parse(const char *json, struct rate_rules *out, struct qd_error *e);

struct unit_rates {
	struct unit unit;
	struct rate_report rep;
	int64_t pending_late;  /* no response and past the limit */
	int rank;              /* 1 = best among ranked siblings, 0 = not ranked */
};
struct rates_view {
	struct rate_rules rules;
	int from, to;          /* received days of the period */
	int cutoff;            /* unanswered opinions received after it are not due */
	struct unit_rates self;
	struct unit_rates *children; /* ranked first by composite, then the rest */
	int nchildren;
};
/* The rates of a unit's subtree and of each child for opinions received in
 * [from, to]. Public figures: ac NULL is allowed (the board); otherwise
 * PA_READ on the unit. Reads counters only. */
qd_err app_rates(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
		 struct rates_view *out, struct qd_error *e);
void rates_view_free(struct rates_view *v);

/* The parts a figure is made of, e.g. "response.within", "resolution.resolved",
 * "satisfaction.basic", "redo.redo": for each rate its parts, each with its
 * role in the figure and its count. */
enum part_role { PART_NUMERATOR, PART_DENOMINATOR, PART_EXCLUDED };
struct rate_part {
	char name[40];
	int rate;              /* enum rate_kind */
	enum part_role role;   /* NUMERATOR parts are also in the denominator */
	double weight;         /* how much one record adds to the numerator */
	int64_t n;
};
/* All parts of all rates for a view's unit (counts from counters). */
int rate_parts(const struct rates_view *v, const struct unit_rates *u, struct rate_part *out,
	       int max);
/* The records behind a part: opinions of the unit's subtree received in
 * the period. With ac NULL (public) the text, names and contacts are
 * removed: the caller shows dates, units, status and the item only. */
qd_err app_rate_records(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
			const char *part, int limit, int offset, struct opinion **out, int *n,
			bool *more, struct qd_error *e);
/* Items resolved for opinions received in the period, newest first, one
 * row per item (its latest such opinion) - the board; public: text and
 * personal data removed. Public reads (ac NULL) refuse inactive units. */
qd_err app_board_resolved(struct app *a, int64_t unit_id, int from, int to, int limit,
			  int offset, struct opinion **out, int *n, bool *more,
			  struct qd_error *e);

/* --- ledger files: export (app/ledger_export.c) and import
 * (app/ledger_import.c); columns in ledger/columns.h --- */
#define EXPORT_MAX_ROWS 1000000
struct export_request {
	enum ledger_list list;
	int64_t unit_id;
	struct item_filter items;    /* items and measures: the items' filter */
	int measure_status;          /* measures: one status, or -1 */
	int measure_open;            /* measures: 1 open only, 0 done or
				      * cancelled only, -1 any (as the
				      * rectification list's filter) */
	int measure_overdue;         /* measures: 1 overdue only, 0 the others,
				      * -1 any */
	int64_t measure_responsible; /* measures: of this person, or 0 */
	struct opinion_query opinions; /* opinions: status, channel, received */
	const char *lang;            /* headers and labels: "zh" or "en" */
};
/* Every filter open: the whole subtree of unit_id. */
void export_request_init(struct export_request *rq, enum ledger_list list, int64_t unit_id);
/* The rows of a list for a reader of the unit (PA_READ), in ledger order
 * (items by number; measures by item and number). QD_TOO_LARGE beyond
 * EXPORT_MAX_ROWS. out is initialised here; the caller frees it. */
qd_err app_export(struct app *a, const struct actor *ac, const struct export_request *rq,
		  struct table *out, struct qd_error *e);

enum import_outcome { IMP_NEW, IMP_UPDATED, IMP_UNCHANGED, IMP_ERROR, IMP_WARNING };
/* One line of an import report: a row's outcome, or one of its problems. */
struct import_line {
	char sheet[32];
	int row;                     /* spreadsheet row number, 1-based */
	enum import_outcome what;
	char ext_id[48];
	char column[48];             /* header of the column at fault, or "" */
	char message[320];
};
struct import_report {
	struct import_line *v;
	int n, cap;
	int rows, added, updated, unchanged, errors, warnings;
	const char *charset;         /* of a CSV file ("UTF-8", "GB18030") */
	bool dry_run, applied;
};
void import_report_free(struct import_report *r);
struct import_request {
	int64_t unit_id;             /* rows must belong to its subtree; unit
				      * name paths may start below it */
	const struct ledger_map *map; /* headers of the file's own, or NULL */
	bool dry_run;                /* validate every row, write nothing */
	const char *lang;            /* messages: "zh" or "en" */
};
/* Import sheets (the problem list, and the rectification list when the
 * book has one) keyed by item number: new numbers are added, changed rows
 * updated, the same rows left alone. All rows or none: with any error
 * nothing is written (QD_IMPORT_ROWS) and the report lists every one. */
qd_err app_import(struct app *a, const struct actor *ac, const struct grid_book *book,
		  const struct import_request *rq, struct import_report *out,
		  struct qd_error *e);

/* --- audit (app/audit.c) --- */
/* Give an item without a number the next one of its found year
 * (PREFIX-YYYY-NNNNNN); check the shape of a number it already has. */
qd_err item_assign_number(struct store *st, struct item *it, struct qd_error *e);

/* --- bulk loads (app/bulk.c) ---
 * Millions of records in few transactions: validated by the domain rules,
 * counters gathered in memory, and one "bulk.insert" event per entity and
 * batch (id range, rows, digest of the snapshots) instead of one per record.
 * The caller holds the write transaction and calls bulk_seal before each
 * commit; records are written as given (units, paths and people are the
 * caller's to choose). */
struct bulk;
/* The entities written in bulk, by kind number (check walks them too). */
#define BULK_KINDS 3
extern const char *const bulk_entities[BULK_KINDS];
struct bulk *bulk_new(struct store *st, const struct actor *ac);
qd_err bulk_item(struct bulk *b, struct item *it, struct qd_error *e);
qd_err bulk_measure(struct bulk *b, struct measure *m, const struct item *it,
		    struct qd_error *e);
qd_err bulk_opinion(struct bulk *b, struct opinion *o, struct qd_error *e);
/* Write the counters gathered and the batch's events. */
qd_err bulk_seal(struct bulk *b, struct qd_error *e);
void bulk_free(struct bulk *b);
/* The after-state of a bulk event, and its reading (false if malformed). */
char *bulk_event_after(const char *entity, int64_t first, int64_t last, int64_t rows,
		       const unsigned char digest[32]);
bool bulk_event_parse(const char *after, char *entity, size_t entity_size, int64_t *first,
		      int64_t *last, int64_t *rows, unsigned char digest[32]);

/* Append an event inside the current transaction. after_json is the record's
 * canonical snapshot after the change (NULL for a deletion); its hash is
 * kept as the row hash. */
qd_err audit_append(struct store *st, const struct actor *ac, const char *action,
		    const char *entity, int64_t entity_id, const char *before_json,
		    const char *after_json, const char *note, struct qd_error *e);
/* Hash the fields of an event into ev->hash, from ev->prev_hash. */
void audit_hash_event(struct event *ev);

/* --- canonical snapshots (app/snapshot.c): compact JSON, sorted keys --- */
char *snap_unit(const struct unit *u);
char *snap_person(const struct person *p);
char *snap_account(const struct account *acc);
char *snap_grant(const struct grant *g);
char *snap_category(const struct category *c);
char *snap_item(const struct item *it);
char *snap_measure(const struct measure *m);
char *snap_kv(const char *key, const char *value);

/* --- check (app/check.c) --- */
struct check_report {
	int64_t events, rows;
	int problems;
	char *text; /* one line per problem; caller frees */
};
qd_err app_check(struct app *a, struct check_report *out, struct qd_error *e);

/* --- the campaign report (app/report.c) --- */
#include "../domain/report.h"
/* The campaign report of a unit's subtree (PA_READ on it): items found and
 * opinions received in [from, to] - from DAY_NONE: from the first record;
 * to DAY_NONE: today (a later day is refused) - and overdue as of today.
 * Counted from counters (app_stats) with the satisfaction rate of the
 * rates module (rates_compute under the rules in force); no item, measure
 * or opinion row is read. out is cleared first; free it with report_clear. */
qd_err app_report(struct app *a, const struct actor *ac, int64_t unit_id, int from, int to,
		  struct report *out, struct qd_error *e);
/* The report as an xlsx workbook at path (app/report_xlsx.c): one sheet
 * (报告 / Report) of label and value rows per section in lang, then the
 * summary. */
qd_err report_xlsx(const struct report *r, const char *lang, const char *path,
		   struct qd_error *e);
/* The same sheet as a table (the caller frees it). */
void report_table(const struct report *r, const char *lang, struct table *out);
/* The JSON of the report is report_to_json (app/report_json.h). */

#endif
