/* error_page.c: the HTML form of an error (status and message from the
 * registry, in the page's language). */
#include "web.h"
#include <string.h>

enum MHD_Result web_error_page(struct req *r, const struct qd_error *e)
{
	qd_err code = e->code == QD_OK ? QD_INTERNAL : e->code;
	struct page p = {0};
	page_begin(&p, r, T(r, M_ERROR_TITLE), NULL);
	H(&p.b, "<h1>");
	h_text(&p.b, T(r, M_ERROR_TITLE));
	H(&p.b, "</h1><p class=\"notice\" role=\"alert\">");
	h_text(&p.b, qd_err_message(code, r->lang));
	/* The detail is English developer wording: shown on English pages. */
	if (e->detail[0] && strcmp(r->lang, "en") == 0) {
		H(&p.b, "<br><span class=\"muted\">");
		h_text(&p.b, e->detail);
		H(&p.b, "</span>");
	}
	H(&p.b, "</p><p><a href=\"/\">");
	h_text(&p.b, T(r, M_BACK));
	H(&p.b, "</a></p>");
	return page_end(&p, (unsigned)qd_err_status(code));
}
