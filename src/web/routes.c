/* routes.c: the web page routes. Order matters where a literal segment and
 * a ":arg" compete (/items/new before /items/:ref). */
#include "web.h"
#include "ledger.h"

/*                method  pattern               handler         auth   body   web */
const struct route web_routes[] = {
	{M_GET, "/static/app.css", web_css, false, false, true},
	{M_GET, "/login", web_login_form, false, false, true},
	{M_POST, "/login", web_login, false, true, true},
	{M_POST, "/logout", web_logout, true, true, true},
	{M_GET, "/lang", web_lang, false, false, true},
	{M_GET, "/", web_dashboard, true, false, true},
	/* the three lists (items.c, responsibility.c, measures_list.c) */
	{M_GET, "/items", web_items, true, false, true},
	{M_GET, "/responsibility", web_responsibility, true, false, true},
	{M_GET, "/measures", web_measures, true, false, true},
	/* items and measures (item.c, item_forms.c, measure_forms.c) */
	{M_GET, "/items/new", web_item_new_form, true, false, true},
	{M_POST, "/items/new", web_item_new, true, true, true},
	{M_GET, "/items/:ref", web_item, true, false, true},
	{M_GET, "/items/:ref/edit", web_item_edit_form, true, false, true},
	{M_POST, "/items/:ref/edit", web_item_edit, true, true, true},
	{M_POST, "/items/:ref/act", web_item_act, true, true, true},
	{M_POST, "/items/:ref/measures", web_measure_add, true, true, true},
	{M_POST, "/measures/:id", web_measure_update, true, true, true},
	/* administration (admin_units.c, admin_people.c, admin_categories.c) */
	{M_GET, "/admin/units", web_admin_units, true, false, true},
	{M_POST, "/admin/units", web_admin_unit_add, true, true, true},
	{M_POST, "/admin/units/:id", web_admin_unit_update, true, true, true},
	{M_GET, "/admin/people", web_admin_people, true, false, true},
	{M_POST, "/admin/people", web_admin_person_add, true, true, true},
	{M_POST, "/admin/accounts", web_admin_account_add, true, true, true},
	{M_POST, "/admin/grants", web_admin_grant_add, true, true, true},
	{M_POST, "/admin/grants/:id/delete", web_admin_grant_delete, true, true, true},
	{M_GET, "/admin/categories", web_admin_categories, true, false, true},
	{M_POST, "/admin/categories", web_admin_category_add, true, true, true},
	/* opinions from the public: no login (public_opinion.c), staff (opinions.c) */
	{M_GET, "/opinion", web_opinion_form, false, false, true},
	{M_POST, "/opinion", web_opinion_submit, false, true, true},
	{M_GET, "/track", web_track, false, false, true},
	{M_POST, "/track/:code/rate", web_track_rate, false, true, true},
	{M_GET, "/opinions", web_opinions, true, false, true},
	{M_GET, "/opinions/new", web_opinion_new_form, true, false, true},
	{M_POST, "/opinions/new", web_opinion_new, true, true, true},
	{M_GET, "/opinions/:id", web_opinion, true, false, true},
	{M_POST, "/opinions/:id/triage", web_opinion_triage, true, true, true},
	/* the hotline rates: the public board (board.c), staff (rates.c) */
	{M_GET, "/board", web_board, false, false, true},
	{M_GET, "/board/records", web_board_records, false, false, true},
	{M_GET, "/rates", web_rates, true, false, true},
	{M_GET, "/rates/records", web_rate_records, true, false, true},
	/* the campaign report (report.c) */
	{M_GET, "/report", web_report, true, false, true},
	{M_GET, "/report.xlsx", web_report_xlsx, true, false, true},
	/* ledger files: the lists and the whole ledger to save (ledger_export.c),
	 * a ledger file in (ledger_import.c) */
	{M_GET, "/items.xlsx", web_items_file, true, false, true},
	{M_GET, "/items.csv", web_items_file, true, false, true},
	{M_GET, "/measures.xlsx", web_measures_file, true, false, true},
	{M_GET, "/measures.csv", web_measures_file, true, false, true},
	{M_GET, "/responsibility.xlsx", web_resp_file, true, false, true},
	{M_GET, "/responsibility.csv", web_resp_file, true, false, true},
	{M_GET, "/opinions.xlsx", web_opinions_file, true, false, true},
	{M_GET, "/opinions.csv", web_opinions_file, true, false, true},
	{M_GET, "/ledger.xlsx", web_ledger_file, true, false, true},
	{M_GET, "/import", web_import_form, true, false, true},
	{M_POST, "/import", web_import, true, BODY_UPLOAD, true},
	{0, NULL, NULL, false, false, false},
};
