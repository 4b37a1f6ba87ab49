/* admin.h: helpers shared by the admin pages (defined in admin_units.c). */
#ifndef QD_WEB_ADMIN_H
#define QD_WEB_ADMIN_H
#include "web.h"
#include "../domain/perm.h"

void admin_begin(struct page *p, struct req *r, enum msg_id title, const char *section);
enum MHD_Result admin_refuse(struct req *r, enum msg_id title, const char *section);
int64_t admin_parse_id(const char *s);
int64_t admin_query_id(struct req *r, const char *name);
int64_t admin_form_id(const struct req *r, const char *name);
char *admin_trim(const char *s);
void admin_pick_units(struct req *r, enum perm_action pa, struct unit_array *out);
void admin_pick_ensure(struct req *r, struct unit_array *opts, int64_t id);
void admin_input(struct page *p, const char *form, const char *name, const char *label,
		 const char *value, const char *error, bool required, bool password);
void admin_date_input(struct page *p, const char *form, const char *name, const char *label,
		      const char *value, const char *error, bool required);
void admin_textarea(struct page *p, const char *form, const char *name, const char *label,
		    const char *value, const char *error, bool required);
void admin_select_open(struct page *p, const char *form, const char *name, const char *label,
		       const char *error, bool required);
void admin_select_close(struct page *p, const char *form, const char *name, const char *error);
void admin_unit_select(struct page *p, const char *form, const char *name, const char *label,
		       const struct unit_array *opts, int64_t value, const char *none_label,
		       const char *error);
void admin_select(struct page *p, const char *form, const char *name, const char *label,
		  const char *const *values, const char *const *labels, int n, const char *value,
		  const char *error);
void admin_code_select(struct page *p, const char *form, const char *name, const char *label,
		       const struct code_table *t, const char *value, const char *none_label,
		       const char *error);
const char *admin_err_text(struct req *r, const struct qd_error *e, struct buf *tmp);
void admin_notice(struct page *p, const char *msg);
void admin_saved(struct page *p, const char *which);

#endif
