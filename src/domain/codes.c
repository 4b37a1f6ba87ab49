/* codes.c: vocabulary tables. */
#include "codes.h"
#include <string.h>

#define CODE_DEF(name, code, zh, en) {code, zh, en},
static const struct code_def d_unit_kind[] = {UNIT_KINDS(CODE_DEF)};
static const struct code_def d_role[] = {ROLES(CODE_DEF)};
static const struct code_def d_item_kind[] = {ITEM_KINDS(CODE_DEF)};
static const struct code_def d_source[] = {SOURCES(CODE_DEF)};
static const struct code_def d_level[] = {LEVELS(CODE_DEF)};
static const struct code_def d_mode[] = {MODES(CODE_DEF)};
static const struct code_def d_status[] = {STATUSES(CODE_DEF)};
static const struct code_def d_closure[] = {CLOSURES(CODE_DEF)};
static const struct code_def d_measure_status[] = {MEASURE_STATUSES(CODE_DEF)};
static const struct code_def d_channel[] = {CHANNELS(CODE_DEF)};
static const struct code_def d_opinion_status[] = {OPINION_STATUSES(CODE_DEF)};
static const struct code_def d_rating[] = {RATINGS(CODE_DEF)};
static const struct code_def d_case_type[] = {CASE_TYPES(CODE_DEF)};
#undef CODE_DEF

#define TABLE(var, label, defs) \
	const struct code_table var = {label, defs, (int)(sizeof defs / sizeof defs[0])}
TABLE(T_UNIT_KIND, "unit_kind", d_unit_kind);
TABLE(T_ROLE, "role", d_role);
TABLE(T_ITEM_KIND, "item_kind", d_item_kind);
TABLE(T_SOURCE, "source", d_source);
TABLE(T_LEVEL, "level", d_level);
TABLE(T_MODE, "mode", d_mode);
TABLE(T_STATUS, "status", d_status);
TABLE(T_CLOSURE, "closure", d_closure);
TABLE(T_MEASURE_STATUS, "measure_status", d_measure_status);
TABLE(T_CHANNEL, "channel", d_channel);
TABLE(T_OPINION_STATUS, "opinion_status", d_opinion_status);
TABLE(T_RATING, "rating", d_rating);
TABLE(T_CASE_TYPE, "case_type", d_case_type);

int code_parse(const struct code_table *t, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < t->count; i++)
		if (strcmp(t->defs[i].code, s) == 0)
			return i;
	return -1;
}

const char *code_str(const struct code_table *t, int v)
{
	return v >= 0 && v < t->count ? t->defs[v].code : "";
}

const char *code_label(const struct code_table *t, int v, const char *lang)
{
	if (v < 0 || v >= t->count)
		return "";
	return lang && strcmp(lang, "en") == 0 ? t->defs[v].en : t->defs[v].zh;
}
