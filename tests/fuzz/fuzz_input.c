/* fuzz_input.c: libFuzzer target for the API's input parsing: JSON bodies
 * through the declared-field parser (in_json, src/http/input.c, with the
 * fields POST /api/v1/items declares), the rules of the hotline rates
 * (rate_rules_parse: what it accepts writes back as the same rules, and
 * scores stay 0..100), dates, UTF-8 checks and unit paths.
 * Must never crash, leak or read out of bounds; what in_json accepts has
 * the required fields and the declared types, and a refusal names its
 * field in text a JSON reply can carry. fuzz_http.c sends JSON bodies to
 * every handler. */
#include "http/http.h"
#include "app/app.h"
#include "domain/rates.h"
#include "domain/codes.h"
#include "domain/tree.h"
#include "util/date.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_fields(json_t *root)
{
	struct req r;
	memset(&r, 0, sizeof r);
	r.json = root;
	int kind = -1, source = -1, level = -1, mode = -1, found = DAY_NONE, due = DAY_NONE;
	int64_t unit = 0, cat = 0, resp = 0, wdays = 0;
	const char *title = NULL, *detail = NULL, *ext = NULL;
	bool fixed = false;
	struct in_field in[] = {
		{"kind", IN_CODE, false, false, &T_ITEM_KIND, &kind, false, false},
		{"source", IN_CODE, true, false, &T_SOURCE, &source, false, false},
		{"level", IN_CODE, false, true, &T_LEVEL, &level, false, false},
		{"category_id", IN_INT, false, true, NULL, &cat, false, false},
		{"title", IN_STRING, true, false, NULL, &title, false, false},
		{"detail", IN_STRING, false, true, NULL, &detail, false, false},
		{"unit_id", IN_INT, true, false, NULL, &unit, false, false},
		{"responsible_id", IN_INT, false, true, NULL, &resp, false, false},
		{"mode", IN_CODE, true, false, &T_MODE, &mode, false, false},
		{"found_on", IN_DAY, false, false, NULL, &found, false, false},
		{"due_on", IN_DAY, false, true, NULL, &due, false, false},
		{"due_working_days", IN_INT, false, false, NULL, &wdays, false, false},
		{"already_fixed", IN_BOOL, false, false, NULL, &fixed, false, false},
		{"ext_id", IN_STRING, false, true, NULL, &ext, false, false},
		IN_END,
	};
	struct qd_error e = {0};
	if (in_json(&r, in, &e)) {
		if (!title || !utf8_valid_text(title, strlen(title)) || unit < 0 || wdays < 0 ||
		    source < 0 || mode < 0)
			abort(); /* required fields present, values as declared */
		(void)utf8_len(title);
	} else if ((e.code != QD_UNKNOWN_FIELD && e.code != QD_BAD_FIELD &&
		    e.code != QD_MISSING_FIELD) ||
		   !utf8_wellformed(e.field, strlen(e.field)) ||
		   !utf8_wellformed(e.detail, strlen(e.detail))) {
		abort(); /* a refusal names the field in text a JSON reply can carry */
	}
}

/* The hotline rates' rules (PUT /api/v1/rates/rules, app/rates.c): rules
 * accepted are written back as JSON that reads as the same rules. */
static void fuzz_rules(const char *s)
{
	struct rate_rules rr, back;
	struct qd_error e = {0};
	if (rate_rules_parse(s, &rr, &e) != QD_OK) {
		if (!utf8_wellformed(e.field, strlen(e.field)) ||
		    !utf8_wellformed(e.detail, strlen(e.detail)))
			abort();
		return;
	}
	char *j = rate_rules_json(&rr);
	if (!j || rate_rules_parse(j, &back, &e) != QD_OK)
		abort();
	free(j);
	bool same = rr.response_wdays == back.response_wdays &&
		    rr.basic_coefficient == back.basic_coefficient && rr.min_count == back.min_count &&
		    memcmp(rr.excluded, back.excluded, sizeof rr.excluded) == 0;
	for (int k = 0; k < RATE_COUNT; k++) {
		same = same && rr.weight[k] == back.weight[k] && rr.curve[k].n == back.curve[k].n;
		for (int i = 0; same && i < rr.curve[k].n; i++)
			same = rr.curve[k].at[i] == back.curve[k].at[i] &&
			       rr.curve[k].score[i] == back.curve[k].score[i];
		for (int pct = 0; same && pct <= 100; pct += 5) {
			double v = curve_score(&rr.curve[k], pct);
			same = v >= 0 && v <= 100;
		}
	}
	if (!same)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	int day;
	if (day_parse(s, &day)) {
		char out[DAY_TEXT_LEN];
		day_format(day, out);
		if (strcmp(out, s) != 0)
			abort(); /* a parsed date must print back the same */
	}
	if (utf8_valid_text(s, size))
		(void)utf8_len(s);
	int64_t ids[PATH_MAX_DEPTH];
	(void)path_ids(s, ids, PATH_MAX_DEPTH);
	fuzz_rules(s);
	json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (root && json_is_object(root))
		fuzz_fields(root);
	json_decref(root);
	free(s);
	return 0;
}
