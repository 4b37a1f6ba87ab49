/* item_page.h: helpers of the item page that its forms share (defined in
 * item.c): strict form field sets, error wording, re-rendering the item
 * page with a problem shown where it happened, trimmed form text. */
#ifndef QD_WEB_ITEM_PAGE_H
#define QD_WEB_ITEM_PAGE_H
#include "web.h"

bool item_form_fields_ok(const struct req *r, const char *const *names, struct qd_error *e);
void item_error_text(const struct req *r, const struct qd_error *e, struct buf *out);
enum MHD_Result item_page_problem(struct req *r, const char *ref, const char *where,
				  int64_t measure_id, const struct qd_error *e);
char *item_form_text(const char *s);

#endif
