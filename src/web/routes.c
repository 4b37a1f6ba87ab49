/* routes.c: the web page routes. Order matters where a literal segment and
 * a ":arg" compete (/items/new before /items/:ref). */
#include "web.h"

/*                method  pattern               handler         auth   body   web */
const struct route web_routes[] = {
	{M_GET, "/static/app.css", web_css, false, false, true},
	{M_GET, "/login", web_login_form, false, false, true},
	{M_POST, "/login", web_login, false, true, true},
	{M_POST, "/logout", web_logout, true, true, true},
	{M_GET, "/lang", web_lang, false, false, true},
	{M_GET, "/", web_dashboard, true, false, true},
	{M_GET, "/items", web_items, true, false, true},
	{M_GET, "/items/:ref", web_item, true, false, true},
	{M_POST, "/items/:ref/act", web_item_act, true, true, true},
	{0, NULL, NULL, false, false, false},
};
