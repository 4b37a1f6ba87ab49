/* ledger.h: the ledger file endpoints of the API (routes in routes.c). */
#ifndef QD_API_LEDGER_H
#define QD_API_LEDGER_H
#include "api.h"

/* GET /api/v1/export?list=&format=&unit=&bom= plus the item filters of
 * GET /api/v1/items (export.c). */
enum MHD_Result api_export(struct req *r);
/* POST /api/v1/import?unit=&dry_run=, the file as the body (import.c). */
enum MHD_Result api_import(struct req *r);

#endif
