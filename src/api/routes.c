/* routes.c: the API route table. The dispatcher (http/server.c) answers
 * 404, 405 with Allow, 413, 415, 400 for bad JSON and 401 before any
 * handler runs. */
#include "api.h"

const struct route api_routes[] = {
	{M_GET, "/api/v1", api_index, false, false, false},
	{M_POST, "/api/v1/login", api_login, false, true, false},
	{M_POST, "/api/v1/logout", api_logout, true, false, false},
	{M_GET, "/api/v1/me", api_me, true, false, false},
	{M_GET, "/api/v1/units", api_units_list, true, false, false},
	{M_POST, "/api/v1/units", api_unit_create, true, true, false},
	{M_GET, "/api/v1/units/:id", api_unit_get, true, false, false},
	{M_PATCH, "/api/v1/units/:id", api_unit_update, true, true, false},
	{M_POST, "/api/v1/units/:id/move", api_unit_move, true, true, false},
	{M_GET, "/api/v1/persons", api_persons_list, true, false, false},
	{M_POST, "/api/v1/persons", api_person_create, true, true, false},
	{M_POST, "/api/v1/accounts", api_account_create, true, true, false},
	{M_POST, "/api/v1/grants", api_grant_create, true, true, false},
	{M_DELETE, "/api/v1/grants/:id", api_grant_delete, true, false, false},
	{M_GET, "/api/v1/categories", api_categories_list, true, false, false},
	{M_POST, "/api/v1/categories", api_category_create, true, true, false},
	{M_GET, "/api/v1/items", api_items_list, true, false, false},
	{M_POST, "/api/v1/items", api_item_create, true, true, false},
	{M_GET, "/api/v1/items/:ref", api_item_get, true, false, false},
	{M_PATCH, "/api/v1/items/:ref", api_item_update, true, true, false},
	{M_POST, "/api/v1/items/:ref/measures", api_measure_create, true, true, false},
	{M_POST, "/api/v1/items/:ref/:action", api_item_action, true, true, false},
	{M_GET, "/api/v1/measures", api_measures_list, true, false, false},
	{M_PATCH, "/api/v1/measures/:id", api_measure_update, true, true, false},
	{M_GET, "/api/v1/responsibility", api_responsibility, true, false, false},
	{M_GET, "/api/v1/stats", api_stats, true, false, false},
	{M_PUT, "/api/v1/calendar/:day", api_calendar_set, true, true, false},
	{0, NULL, NULL, false, false, false},
};
