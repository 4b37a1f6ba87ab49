/* ledger.h: the web pages of the ledger files - exports of the four lists
 * and of the whole ledger (ledger_export.c), the import form and its
 * report (ledger_import.c). Routes in routes.c. */
#ifndef QD_WEB_LEDGER_H
#define QD_WEB_LEDGER_H
#include "web.h"

/* GET /items.xlsx|.csv, /measures…, /responsibility…, /opinions…: the list
 * with the query of its page (plus bom=1 for a CSV with a BOM). */
enum MHD_Result web_items_file(struct req *r);
enum MHD_Result web_measures_file(struct req *r);
enum MHD_Result web_resp_file(struct req *r);
enum MHD_Result web_opinions_file(struct req *r);
/* GET /ledger.xlsx?unit=: the four lists, a sheet each. */
enum MHD_Result web_ledger_file(struct req *r);
/* GET /import?unit=: the form; POST /import: multipart, the report. */
enum MHD_Result web_import_form(struct req *r);
enum MHD_Result web_import(struct req *r);

/* A message with {name} placeholders filled in from vals, as HTML text. */
void h_msg_vars(struct buf *b, const char *msg, const char *const *keys,
		const char *const *vals, int n);

#endif
