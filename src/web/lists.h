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
void list_range(struct page *p, const char *path, const char *query, int64_t offset, int n,
		bool has_more);

#endif
