/* http.h: the request context, the route table and reply helpers shared by
 * the API endpoints (and later the web pages).
 *
 * A request owns its memory: everything hanging off struct req is released
 * in one place when libmicrohttpd reports the request complete. */
#ifndef QD_HTTP_H
#define QD_HTTP_H
#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>
#include "../app/app.h"
#include "../domain/perm.h"
#include "../util/buf.h"
#include "../util/err.h"

#define BODY_MAX (64 * 1024)   /* largest request body accepted */
#define UPLOAD_MAX (32 * 1024 * 1024) /* largest body of a BODY_UPLOAD route */
#define URL_MAX 2048
#define ROUTE_ARGS_MAX 4

struct route;

/* A decoded form field (application/x-www-form-urlencoded body, or a
 * multipart part without a file name). */
struct form_kv {
	char *key, *value;
};

/* A file of a multipart/form-data body (a part with a file name). */
struct form_file {
	char *key;                   /* the field name */
	char *filename;              /* as the browser sent it ("" when none) */
	struct buf data;
};

struct req {
	struct MHD_Connection *conn;
	struct app *app;             /* the serving thread's connection */
	const char *method;
	char *path;                  /* URL path, owned */
	const struct route *route;
	const char *args[ROUTE_ARGS_MAX]; /* captured path segments (into args_buf) */
	char *args_buf;
	struct buf body;
	size_t body_max;             /* BODY_MAX, or UPLOAD_MAX for an upload route */
	bool body_too_large;
	json_t *json;                /* parsed body, owned */
	struct actor actor;
	bool authed;
	char lang[8];                /* "zh" or "en" */
	/* web pages */
	struct form_kv *form;        /* POSTed form fields, owned */
	int nform;
	struct form_file *files;     /* files of a multipart form, owned */
	int nfiles;
	char *session;               /* the session cookie's token, owned */
	char csrf[48];               /* the CSRF token of this session */
	struct buf headers;          /* extra "Name: value\n" reply headers (cookies) */
};

typedef enum MHD_Result (*handler_fn)(struct req *r);

enum method { M_GET = 1, M_POST = 2, M_PATCH = 4, M_PUT = 8, M_DELETE = 16 };
#define M_LAST M_DELETE
/* "GET", "POST", ... ("?" for anything else). */
const char *method_name(enum method m);

/* What a route takes as its body. The tables write false and true for the
 * first two. */
enum body_kind {
	BODY_NONE = 0,               /* nothing */
	BODY_FIELDS = 1,             /* a JSON object (API) or an urlencoded form
				      * (web POST), at most BODY_MAX */
	BODY_UPLOAD = 2,             /* a file, at most UPLOAD_MAX: the raw file
				      * (API; the query string carries the
				      * parameters) or multipart/form-data with
				      * the _csrf field (web POST) */
};

/* What a route needs: the declaration that the permission matrix of
 * docs/security.md is generated from (`qingdan permissions`, src/cli/
 * cmd_permissions.c) and that tests/http/test_permission_matrix.sh checks
 * every route's behaviour against. The dispatcher enforces the login (any
 * need but NEED_PUBLIC); the use cases in src/app authorize against the
 * target whatever this says, so a wrong declaration shows up in the test,
 * not as a hole. */
enum access_need {
	NEED_UNDECLARED,             /* a route that forgot .access: a login is
				      * required and `qingdan permissions` fails */
	NEED_PUBLIC,                 /* no login */
	NEED_LOGIN,                  /* any logged-in account */
	NEED_PERM,                   /* pa over the target's unit (perm_allows) */
	NEED_GLOBAL,                 /* pa over a root unit (perm_allows_global):
				      * a setting of the whole deployment */
	NEED_CLIENT,                 /* Open311: a client's api_key whose unit
				      * covers the target */
};

/* What the permission is checked against. */
enum access_target {
	TG_NONE,                     /* nothing: public, login, global settings */
	TG_SCOPE,                    /* the actor's own units (a form offering them) */
	TG_UNIT,                     /* the unit the query (unit, under) or the
				      * body (unit_id, parent_id) names */
	TG_UNIT_ARG,                 /* the unit in the path */
	TG_NEW_PARENT,               /* where one of the actor's units moves to */
	TG_ITEM,                     /* the item's owner unit */
	TG_MEASURE,                  /* the owner unit of the measure's item */
	TG_OPINION,                  /* the opinion's unit */
	TG_PERSON,                   /* the person's unit (a new account) */
	TG_GRANT,                    /* the grant's unit and its account's person's */
	TG_REQUEST,                  /* Open311: the request's (opinion's) unit */
	TG_AREA,                     /* Open311: the jurisdiction; read where it
				      * overlaps the client's subtree */
	TG_COUNT
};

struct access {
	enum access_need need;
	enum perm_action pa;         /* NEED_PERM, NEED_GLOBAL */
	enum access_target target;
	bool hides;                  /* refused with 404, not 403: a record out of
				      * reach is not shown to exist */
	const char *note;            /* a word where the rule needs one */
};

#define ACCESS_PUBLIC {.need = NEED_PUBLIC}
#define ACCESS_LOGIN {.need = NEED_LOGIN}
#define ACCESS(pa_, tg_) {.need = NEED_PERM, .pa = (pa_), .target = (tg_)}
#define ACCESS_NOTE(pa_, tg_, note_) {.need = NEED_PERM, .pa = (pa_), .target = (tg_), .note = (note_)}
#define ACCESS_GLOBAL(pa_) {.need = NEED_GLOBAL, .pa = (pa_)}
#define ACCESS_CLIENT(tg_) {.need = NEED_CLIENT, .target = (tg_)}

/* A route whose use case depends on a path segment (:action) or a form
 * field (action) lists its values, each with what it needs; the matrix has
 * a row for each. */
struct route_action {
	const char *name;            /* NULL ends the list */
	struct access access;
};
/* The item state machine's actions (POST /api/v1/items/:ref/:action and
 * POST /items/:ref/act), in src/api/routes.c. */
extern const struct route_action item_route_actions[];

struct route {
	enum method method;
	const char *pattern;         /* "/api/v1/items/:ref/measures" */
	handler_fn handler;
	enum body_kind body;
	bool web;                    /* an HTML page: cookie session, CSRF on POST */
	struct access access;        /* what it needs (see above); with actions,
				      * the login they share */
	const struct route_action *actions; /* NULL, or the values of its action,
					     * each with what it needs */
};

/* Whether a route needs a logged-in actor. */
static inline bool route_needs_login(const struct route *rt)
{
	return rt->access.need != NEED_PUBLIC;
}

/* The route tables (src/api/routes.c, src/web/routes.c). */
extern const struct route api_routes[];
extern const struct route web_routes[];
/* Every path under /open311/ (src/open311/routes.c): its own routes, its own
 * parameters and error format (no sessions, no CSRF). */
bool open311_path(const char *path);
enum MHD_Result open311_dispatch(struct req *r);

/* Replies. Each returns what the handler returns to libmicrohttpd. */
enum MHD_Result reply_json_steal(struct req *r, unsigned status, json_t *body);
enum MHD_Result reply_error(struct req *r, const struct qd_error *e);
enum MHD_Result reply_fail(struct req *r, qd_err code, const char *field, const char *detail);
enum MHD_Result reply_no_content(struct req *r);
/* An HTML page (steals the buffer's contents). */
enum MHD_Result reply_html(struct req *r, unsigned status, struct buf *page);
/* 303 See Other to a local path. */
enum MHD_Result reply_redirect(struct req *r, const char *location);
/* Any other body (stolen; released with free()), e.g. Open311's XML. */
enum MHD_Result reply_raw_steal(struct req *r, unsigned status, char *body, size_t len,
				const char *type);
/* A file to save (src/http/download.c): Content-Disposition attachment
 * with filename="<ascii_name>" and filename*=UTF-8''<name percent-encoded>
 * (RFC 6266); no caching. Steals body (released with free()). */
enum MHD_Result reply_download_steal(struct req *r, char *body, size_t len, const char *type,
				     const char *ascii_name, const char *name);
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
/* An xlsx workbook of the tables in memory (*out owned by the caller):
 * libxlsxwriter writes files, so a private temporary file is written,
 * read back and removed. */
qd_err xlsx_bytes(const struct table *t, int n, char **out, size_t *len, struct qd_error *e);
/* Ledger tables to save: the first as CSV (UTF-8; a BOM first when bom),
 * or all as an xlsx workbook, one sheet each. Named qingdan-<code>.csv|.xlsx
 * and, for browsers that read it, "<sheet name>-<unit_name>-<today>" (the
 * ledger's name when there are several tables: 台账 / Ledger); a workbook
 * that cannot be written is a 500. */
enum MHD_Result reply_tables(struct req *r, const struct table *t, int n, const char *code,
			     const char *unit_name, bool csv, bool bom);
/* A static asset compiled into the binary. */
enum MHD_Result reply_asset(struct req *r, const char *type, const char *data, size_t len);
/* Add a reply header (cookies) to this request's reply. */
void req_add_header(struct req *r, const char *name, const char *value);
/* Set or clear the session cookie (HttpOnly, SameSite=Lax, Secure behind TLS). */
void req_set_session_cookie(struct req *r, const char *token);
void req_clear_session_cookie(struct req *r);
/* A cookie's value, or NULL. */
const char *req_cookie(struct req *r, const char *name);
/* Decode r->body as application/x-www-form-urlencoded into r->form. False
 * (with e) when malformed, not UTF-8 text, or over 64 fields. */
bool form_parse(struct req *r, struct qd_error *e);
/* A form field's value, or NULL. */
const char *form_get(const struct req *r, const char *key);
/* Decode r->body as multipart/form-data (src/http/multipart.c): parts
 * without a file name into r->form, files into r->files; r->body is
 * released. False (with e) when malformed, truncated, a name repeats, a
 * field is not UTF-8 text or over the limits. */
bool multipart_parse(struct req *r, struct qd_error *e);
/* A file of the multipart form, or NULL. */
const struct form_file *form_file_get(const struct req *r, const char *key);
/* The CSRF token that goes with a session token. */
void csrf_of(const char *session, char out[48]);
/* Web pages render their own error page (src/web/error_page.c). */
enum MHD_Result web_error_page(struct req *r, const struct qd_error *e);

/* Declared inputs: a handler lists the fields it takes; anything else is an
 * error. Values point into the request (valid until it completes). */
enum in_type {
	IN_STRING,   /* const char * */
	IN_INT,      /* int64_t (non-negative) */
	IN_DAY,      /* int day; "YYYY-MM-DD" */
	IN_CODE,     /* int; one of codes->defs */
	IN_BOOL,     /* bool */
};

struct in_field {
	const char *name;
	enum in_type type;
	bool required;
	bool nullable;               /* JSON null / empty query value allowed */
	const struct code_table *codes;
	void *out;
	bool present;                /* set by the parser */
	bool is_null;                /* set by the parser */
};

#define IN_END {NULL, 0, false, false, NULL, NULL, false, false}

/* Parse the JSON body into fields. False with e filled on any problem:
 * not an object, unknown field, wrong type, missing required field. */
bool in_json(struct req *r, struct in_field *fields, struct qd_error *e);
/* Same for the query string. */
bool in_query(struct req *r, struct in_field *fields, struct qd_error *e);
/* A path argument as a positive id. */
bool arg_id(struct req *r, int i, int64_t *out, struct qd_error *e);

/* JSON helpers for replies. */
json_t *json_day(int day);                 /* "YYYY-MM-DD" or null */
json_t *json_code(const struct code_table *t, int v); /* code or null */
json_t *json_id(int64_t id);               /* number or null */
json_t *json_time(int64_t t);              /* W3C datetime or null */
json_t *json_str_or_null(const char *s);

/* Login throttling (shared by all threads): failures per login name and
 * per client address within 15 minutes, each key counted on its own. A
 * fixed table of THROTTLE_SLOTS entries, a key in one of THROTTLE_PROBE
 * slots from its home slot (src/http/throttle.c says what is evicted when
 * a run is full). */
#define THROTTLE_WINDOW 900
#define THROTTLE_PER_LOGIN 5
#define THROTTLE_PER_ADDRESS 50
#define THROTTLE_SLOTS 16384
#define THROTTLE_PROBE 16
/* Whether key has max failures or more in its window. */
bool throttle_blocked(const char *key, int max);
/* The failures of key in its window (0: none or the window has passed). */
int throttle_count(const char *key);
/* The throttling key of the client's address ("ip:a.b.c.d"). */
void throttle_client_key(struct req *r, char *out, size_t n);
/* Count a failure of key; it always gets an entry. */
void throttle_fail(const char *key);
/* Forget key's failures (a successful login). */
void throttle_reset(const char *key);
/* For tests: the slot where key's run starts (salted: differs per process),
 * and an empty table. */
int throttle_home(const char *key);
void throttle_clear(void);

#endif
