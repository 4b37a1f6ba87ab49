/* sq_ops.h: the SQLite implementations of the store operations
 * (generated once from store.h's table; keep in step by hand). */
#ifndef QD_STORE_SQ_OPS_H
#define QD_STORE_SQ_OPS_H
#include "../store.h"

qd_err sq_begin(struct store *st);
qd_err sq_commit(struct store *st);
qd_err sq_setting_get(struct store *st, const char *key, char **out);
qd_err sq_setting_set(struct store *st, const char *key, const char *value);
qd_err sq_sequence_next(struct store *st, const char *name, int64_t *out);
qd_err sq_unit_insert(struct store *st, struct unit *u);
qd_err sq_unit_get(struct store *st, int64_t id, struct unit *out);
qd_err sq_unit_children(struct store *st, int64_t parent_id, struct unit_array *out);
qd_err sq_unit_subtree(struct store *st, const char *path, int max_depth, struct unit_array *out);
qd_err sq_unit_update(struct store *st, const struct unit *u);
qd_err sq_unit_max_depth(struct store *st, const char *path, int *out);
qd_err sq_unit_move(struct store *st, int64_t id, int64_t new_parent_id, const char *old_path, const char *new_path);
qd_err sq_person_insert(struct store *st, struct person *p);
qd_err sq_person_get(struct store *st, int64_t id, struct person *out);
qd_err sq_person_update(struct store *st, const struct person *p);
qd_err sq_person_list(struct store *st, const char *upath, int limit, int offset, struct person_array *out);
qd_err sq_account_insert(struct store *st, struct account *a);
qd_err sq_account_get(struct store *st, int64_t id, struct account *out);
qd_err sq_account_by_login(struct store *st, const char *login, struct account *out);
qd_err sq_account_update(struct store *st, const struct account *a);
qd_err sq_account_list(struct store *st, const char *upath, struct account_array *out);
qd_err sq_grant_insert(struct store *st, struct grant *g);
qd_err sq_grant_get(struct store *st, int64_t id, struct grant *out);
qd_err sq_grant_delete(struct store *st, int64_t id);
qd_err sq_grant_list(struct store *st, int64_t account_id, struct grant_array *out);
qd_err sq_session_insert(struct store *st, const unsigned char hash[32], const struct session_row *s);
qd_err sq_session_get(struct store *st, const unsigned char hash[32], struct session_row *out);
qd_err sq_session_touch(struct store *st, const unsigned char hash[32], int64_t now);
qd_err sq_session_delete(struct store *st, const unsigned char hash[32]);
qd_err sq_session_delete_account(struct store *st, int64_t account_id, int *count);
qd_err sq_category_insert(struct store *st, struct category *c);
qd_err sq_category_get(struct store *st, int64_t id, struct category *out);
qd_err sq_category_update(struct store *st, const struct category *c);
qd_err sq_category_list(struct store *st, struct category_array *out);
qd_err sq_item_insert(struct store *st, struct item *it);
qd_err sq_item_get(struct store *st, int64_t id, struct item *out);
qd_err sq_item_get_by_ext(struct store *st, const char *ext_id, struct item *out);
qd_err sq_item_update(struct store *st, const struct item *it);
qd_err sq_item_list(struct store *st, const struct item_filter *f, struct item_array *out, bool *has_more);
qd_err sq_item_responsibility(struct store *st, const char *upath, int today, int limit, struct resp_row_array *out);
qd_err sq_measure_insert(struct store *st, struct measure *m);
qd_err sq_measure_get(struct store *st, int64_t id, struct measure *out);
qd_err sq_measure_update(struct store *st, const struct measure *m);
qd_err sq_measure_list_for_item(struct store *st, int64_t item_id, struct measure_array *out);
qd_err sq_measure_list(struct store *st, const struct measure_filter *f, struct measure_array *out, bool *has_more);
qd_err sq_measure_set_owner(struct store *st, int64_t item_id, int64_t unit_id, const char *upath);
qd_err sq_opinion_insert(struct store *st, struct opinion *o);
qd_err sq_opinion_get(struct store *st, int64_t id, struct opinion *out);
qd_err sq_opinion_get_by_code(struct store *st, const char *code, struct opinion *out);
qd_err sq_opinion_update(struct store *st, const struct opinion *o);
qd_err sq_opinion_list_for_item(struct store *st, int64_t item_id, int max, struct opinion **out, int *n, int64_t *total);
qd_err sq_opinion_find(struct store *st, const struct opinion_query *f, struct opinion **out, int *n, bool *has_more);
qd_err sq_unit_get_by_code(struct store *st, const char *code, struct unit *out);
qd_err sq_opinion_update_list_for(struct store *st, int64_t opinion_id, struct opinion_update **out, int *n);
qd_err sq_opinion_update_add(struct store *st, struct opinion_update *u);
qd_err sq_opinion_update_find_external(struct store *st, int64_t client_id, const char *external_id, struct opinion_update *out);
qd_err sq_opinion_update_list(struct store *st, const char *upath, int64_t from, int64_t to, int limit, struct opinion_update **out, int *n, bool *has_more);
qd_err sq_o311_client_insert(struct store *st, struct o311_client *c, const unsigned char *key_hash, int hash_len);
qd_err sq_o311_client_by_key(struct store *st, const unsigned char *key_hash, int hash_len, struct o311_client *out);
qd_err sq_o311_client_list(struct store *st, struct o311_client **out, int *n);
qd_err sq_o311_client_revoke(struct store *st, int64_t id, int64_t at);
qd_err sq_stat_apply(struct store *st, const struct stat_deltas *d);
qd_err sq_stat_gather(struct store *st, const struct stat_deltas *d);
qd_err sq_stat_flush(struct store *st);
qd_err sq_stat_query(struct store *st, int64_t unit_id, int from, int to, int today, struct stat_result *out);
qd_err sq_stat_pick(struct store *st, int64_t unit_id, int today, const char *const *metrics, int n, int64_t *out, int64_t *overdue);
qd_err sq_stat_query_days(struct store *st, int64_t unit_id, struct stat_result *out);
qd_err sq_stat_move(struct store *st, int64_t unit_id, const char *old_parent_path, const char *new_parent_path);
qd_err sq_stat_recount(struct store *st, int64_t unit_id, int today, struct stat_result *out);
qd_err sq_event_last_hash(struct store *st, unsigned char out[32]);
qd_err sq_event_next_id(struct store *st, int64_t *out);
qd_err sq_event_insert(struct store *st, struct event *ev);
qd_err sq_event_list_for(struct store *st, const char *entity, int64_t entity_id, struct event_array *out);
qd_err sq_event_list_for_item(struct store *st, int64_t item_id, struct event_array *out);
qd_err sq_event_iterate(struct store *st, row_cb cb, void *ctx);
qd_err sq_event_last_per_row(struct store *st, const char *entity, row_cb cb, void *ctx);
qd_err sq_calendar_get(struct store *st, int from, int to, int **off, int *n_off, int **on, int *n_on);
qd_err sq_calendar_set(struct store *st, int day, const char *kind);
qd_err sq_entity_iterate(struct store *st, enum store_entity e, row_cb cb, void *ctx);
qd_err sq_integrity_check(struct store *st, char **msg);
qd_err sq_cache_size(struct store *st, int mb);
qd_err sq_search_sync(struct store *st);
qd_err sq_backup(struct store *st, const char *dest, struct backup_info *out, struct qd_error *e);

#define SQ_OPS_INIT \
	.begin = sq_begin, \
	.commit = sq_commit, \
	.setting_get = sq_setting_get, \
	.setting_set = sq_setting_set, \
	.sequence_next = sq_sequence_next, \
	.unit_insert = sq_unit_insert, \
	.unit_get = sq_unit_get, \
	.unit_children = sq_unit_children, \
	.unit_subtree = sq_unit_subtree, \
	.unit_update = sq_unit_update, \
	.unit_max_depth = sq_unit_max_depth, \
	.unit_move = sq_unit_move, \
	.person_insert = sq_person_insert, \
	.person_get = sq_person_get, \
	.person_update = sq_person_update, \
	.person_list = sq_person_list, \
	.account_insert = sq_account_insert, \
	.account_get = sq_account_get, \
	.account_by_login = sq_account_by_login, \
	.account_update = sq_account_update, \
	.account_list = sq_account_list, \
	.grant_insert = sq_grant_insert, \
	.grant_get = sq_grant_get, \
	.grant_delete = sq_grant_delete, \
	.grant_list = sq_grant_list, \
	.session_insert = sq_session_insert, \
	.session_get = sq_session_get, \
	.session_touch = sq_session_touch, \
	.session_delete = sq_session_delete, \
	.session_delete_account = sq_session_delete_account, \
	.category_insert = sq_category_insert, \
	.category_get = sq_category_get, \
	.category_update = sq_category_update, \
	.category_list = sq_category_list, \
	.item_insert = sq_item_insert, \
	.item_get = sq_item_get, \
	.item_get_by_ext = sq_item_get_by_ext, \
	.item_update = sq_item_update, \
	.item_list = sq_item_list, \
	.item_responsibility = sq_item_responsibility, \
	.measure_insert = sq_measure_insert, \
	.measure_get = sq_measure_get, \
	.measure_update = sq_measure_update, \
	.measure_list_for_item = sq_measure_list_for_item, \
	.measure_list = sq_measure_list, \
	.measure_set_owner = sq_measure_set_owner, \
	.opinion_insert = sq_opinion_insert, \
	.opinion_get = sq_opinion_get, \
	.opinion_get_by_code = sq_opinion_get_by_code, \
	.opinion_update = sq_opinion_update, \
	.opinion_list_for_item = sq_opinion_list_for_item, \
	.opinion_find = sq_opinion_find, \
	.opinion_update_add = sq_opinion_update_add, \
	.opinion_update_list_for = sq_opinion_update_list_for, \
	.unit_get_by_code = sq_unit_get_by_code, \
	.opinion_update_find_external = sq_opinion_update_find_external, \
	.opinion_update_list = sq_opinion_update_list, \
	.o311_client_insert = sq_o311_client_insert, \
	.o311_client_by_key = sq_o311_client_by_key, \
	.o311_client_list = sq_o311_client_list, \
	.o311_client_revoke = sq_o311_client_revoke, \
	.stat_apply = sq_stat_apply, \
	.stat_gather = sq_stat_gather, \
	.stat_flush = sq_stat_flush, \
	.stat_query = sq_stat_query, \
	.stat_query_days = sq_stat_query_days, \
	.stat_pick = sq_stat_pick, \
	.stat_move = sq_stat_move, \
	.stat_recount = sq_stat_recount, \
	.event_last_hash = sq_event_last_hash, \
	.event_next_id = sq_event_next_id, \
	.event_insert = sq_event_insert, \
	.event_list_for = sq_event_list_for, \
	.event_list_for_item = sq_event_list_for_item, \
	.event_iterate = sq_event_iterate, \
	.event_last_per_row = sq_event_last_per_row, \
	.calendar_get = sq_calendar_get, \
	.calendar_set = sq_calendar_set, \
	.entity_iterate = sq_entity_iterate, \
	.integrity_check = sq_integrity_check, \
	.cache_size = sq_cache_size, \
	.search_sync = sq_search_sync, \
	.backup = sq_backup,

#endif
