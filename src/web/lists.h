/* lists.h: helpers shared by the three list pages (defined in items.c). */
#ifndef QD_WEB_LISTS_H
#define QD_WEB_LISTS_H
#include "web.h"

#define LIST_PAGE 20
#define LIST_OFFSET_MAX 100000
struct list_names;
struct list_names *list_names_new(void);
void list_names_free(struct list_names *c);
const char *list_person_name(struct req *r, struct list_names *c, int64_t id);
const char *list_unit_name(struct req *r, struct list_names *c, int64_t id);
enum MHD_Result list_bad_param(struct req *r, const char *name, enum msg_id label,
			       enum msg_id reason);
enum MHD_Result list_bad_query(struct req *r, const struct qd_error *e,
			       const struct in_field *in, const enum msg_id *labels);
int list_tri(const struct in_field *f, bool v);
bool list_scope(struct req *r, int64_t asked, struct unit *out, struct qd_error *e);
void list_form_begin(struct page *p, const char *action);
void list_form_end(struct page *p, const char *action, int64_t unit);
void list_unit_field(struct page *p, const struct unit *cur);
void list_tristate(struct page *p, const char *name, enum msg_id label, int v,
		   enum msg_id yes, enum msg_id no);
void list_qarg(struct buf *q, const char *name, const char *value);
void list_qint(struct buf *q, const char *name, int64_t v);
/* name=YYYY-MM-DD, nothing for DAY_NONE. */
void list_qday(struct buf *q, const char *name, int day);
void list_range(struct page *p, const char *path, const char *query, int64_t offset, int n,
		bool has_more);
/* in_query over a list's own fields and a caller's extra ones (NULL or
 * ending with IN_END, labels beside): false with the 400 page in *res. */
bool list_query(struct req *r, struct in_field *own, const enum msg_id *own_labels,
		struct in_field *extra, const enum msg_id *extra_labels, enum MHD_Result *res);

/* The query of each list page, parsed once for the page and for its
 * exports (ledger_export.c), which pass their own extra fields. A false
 * return has sent the 400 page (*res). */

/* The problem list (items.c). */
struct items_q {
	int64_t unit, responsible, offset;
	int kind, status, mode, level, source;
	int overdue, open; /* -1 any, 0 no, 1 yes */
	int due_from, due_to;
	int found_from, found_to; /* DAY_NONE = unbounded */
	int closure, case_type;   /* codes, or -1 */
	char *q;           /* trimmed copy, owned: items_q_free */
	int sort;          /* index into the sorts of items.c */
};
bool items_q_parse(struct req *r, struct items_q *x, struct in_field *extra,
		   const enum msg_id *extra_labels, enum MHD_Result *res);
/* The filter fields (and sort) of the query; limit and offset untouched. */
void items_q_filter(const struct items_q *x, struct item_filter *f);
void items_q_free(struct items_q *x);
/* The query string without offset (skip: a parameter to leave out). */
void items_query(const struct items_q *x, int64_t unit, struct buf *q, const char *skip);

/* The rectification list (measures_list.c). */
struct measures_q {
	int64_t unit, responsible, offset;
	int status;        /* a measure status, or -1 */
	int open, overdue; /* -1 any, 0 no, 1 yes; open is 1 unless asked */
	int kind, level;   /* of the measure's item, or -1 */
	int found_from, found_to; /* the item's found day, DAY_NONE = unbounded */
};
/* The filter fields of the query (limit and offset untouched). */
void measures_q_filter(const struct measures_q *x, struct measure_filter *f);
bool measures_q_parse(struct req *r, struct measures_q *x, struct in_field *extra,
		      const enum msg_id *extra_labels, enum MHD_Result *res);
void measures_query(const struct measures_q *x, int64_t unit, struct buf *q);

/* The responsibility list (responsibility.c): the unit only. */
bool resp_q_parse(struct req *r, int64_t *unit, struct in_field *extra,
		  const enum msg_id *extra_labels, enum MHD_Result *res);

/* Opinions (opinions.c): unit, status (received by default, "all"), offset;
 * other parameters are ignored there, as they always were. */
struct opinions_q {
	int64_t unit, offset;
	int status;        /* an opinion status, or -1 for all */
	bool status_given;
	int channel, rating;      /* codes, or -1 */
	int from, to;             /* days received, DAY_NONE = unbounded */
};
/* The filter fields of the query (limit and offset untouched). */
void opinions_q_filter(const struct opinions_q *x, struct opinion_query *q);
bool opinions_q_parse(struct req *r, struct opinions_q *x, enum MHD_Result *res);
void opinions_query(const struct opinions_q *x, int64_t unit, struct buf *q);

/* "导出 Excel" and "导出 CSV" links of a list page, to <path>.xlsx and
 * <path>.csv with the page's query; with import_unit > 0 also a link to
 * the import form for that unit (ledger_export.c). */
void list_file_links(struct page *p, const char *path, const char *query, int64_t import_unit);

#endif
