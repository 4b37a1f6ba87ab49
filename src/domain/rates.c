/* rates.c: the hotline rates from counters, and their scoring. */
#include "rates.h"
#include <stdio.h>
#include <string.h>

#define RATE_DEF(name, code, zh, en) {code, zh, en},
static const struct code_def rate_defs[] = {RATES(RATE_DEF)};
#undef RATE_DEF
const struct code_table T_RATE = {"rate", rate_defs, RATE_COUNT};

static void linear(struct curve *c, double s0, double s100)
{
	c->n = 2;
	c->at[0] = 0, c->score[0] = s0;
	c->at[1] = 100, c->score[1] = s100;
}

void rate_rules_default(struct rate_rules *rr)
{
	memset(rr, 0, sizeof *rr);
	rr->response_wdays = 1;
	rr->basic_coefficient = 0.8;
	rr->weight[RATE_RESPONSE] = 30;
	rr->weight[RATE_RESOLUTION] = 35;
	rr->weight[RATE_SATISFACTION] = 35;
	rr->weight[RATE_REDO] = 0;
	for (int k = 0; k < RATE_COUNT; k++)
		linear(&rr->curve[k], k == RATE_REDO ? 100 : 0, k == RATE_REDO ? 0 : 100);
	rr->excluded[CL_UNFOUNDED] = rr->excluded[CL_DUPLICATE] = rr->excluded[CL_TRANSFERRED] = true;
	rr->min_count = 5;
}

qd_err rate_rules_check(const struct rate_rules *rr, struct qd_error *e)
{
	if (rr->response_wdays < 0 || rr->response_wdays >= OP_RESP_MAX)
		return qd_fail(e, QD_BAD_FIELD, "response_wdays", "0-%d working days",
			       OP_RESP_MAX - 1);
	if (!(rr->basic_coefficient >= 0 && rr->basic_coefficient <= 1))
		return qd_fail(e, QD_BAD_FIELD, "basic_coefficient", "0 to 1");
	double sum = 0;
	for (int k = 0; k < RATE_COUNT; k++) {
		if (!(rr->weight[k] >= 0 && rr->weight[k] <= 1000))
			return qd_fail(e, QD_BAD_FIELD, "weights", "0 to 1000");
		sum += rr->weight[k];
		const struct curve *c = &rr->curve[k];
		if (c->n < 1 || c->n > CURVE_MAX)
			return qd_fail(e, QD_BAD_FIELD, "curves", "1-%d points", CURVE_MAX);
		for (int i = 0; i < c->n; i++) {
			if (!(c->at[i] >= 0 && c->at[i] <= 100) ||
			    (i > 0 && !(c->at[i] > c->at[i - 1])))
				return qd_fail(e, QD_BAD_FIELD, "curves",
					       "points at increasing rates 0-100");
			if (!(c->score[i] >= 0 && c->score[i] <= 100))
				return qd_fail(e, QD_BAD_FIELD, "curves", "scores 0-100");
		}
	}
	if (sum <= 0)
		return qd_fail(e, QD_BAD_FIELD, "weights", "at least one weight above 0");
	if (rr->excluded[CL_RESOLVED])
		return qd_fail(e, QD_BAD_FIELD, "exclude_closures", "resolved cannot be excluded");
	if (rr->min_count < 0 || rr->min_count > 1000000)
		return qd_fail(e, QD_BAD_FIELD, "min_count", "0-1000000");
	return QD_OK;
}

double curve_score(const struct curve *c, double pct)
{
	if (c->n <= 0)
		return pct;
	if (pct <= c->at[0])
		return c->score[0];
	for (int i = 1; i < c->n; i++)
		if (pct <= c->at[i]) {
			double t = (pct - c->at[i - 1]) / (c->at[i] - c->at[i - 1]);
			return c->score[i - 1] + t * (c->score[i] - c->score[i - 1]);
		}
	return c->score[c->n - 1];
}

static int64_t metric(const struct stat_result *c, const char *prefix, const char *code)
{
	char name[METRIC_LEN];
	snprintf(name, sizeof name, "%s%s", prefix, code);
	return stat_get(c, name);
}

static void finish(struct rate_figure *f)
{
	f->pct = f->den > 0 ? 100.0 * f->num / (double)f->den : -1;
}

void rates_compute(const struct rate_rules *rr, const struct stat_result *c, int64_t not_due,
		   struct rate_report *out)
{
	memset(out, 0, sizeof *out);
	out->received = stat_get(c, "op.received");
	out->pending = stat_get(c, "op.pending");
	for (int k = 0; k < CH_COUNT; k++)
		out->by_channel[k] = metric(c, "op.channel.", code_str(&T_CHANNEL, k));
	for (int k = 0; k < OS_COUNT; k++)
		out->by_status[k] = metric(c, "op.status.", code_str(&T_OPINION_STATUS, k));

	struct rate_figure *f = &out->f[RATE_RESPONSE];
	for (int k = 0; k <= rr->response_wdays && k <= OP_RESP_MAX; k++) {
		char n[16];
		snprintf(n, sizeof n, "%d", k);
		f->num += (double)metric(c, "op.resp.", n);
	}
	f->excluded = not_due;
	f->den = out->received - not_due;

	f = &out->f[RATE_RESOLUTION];
	for (int k = 0; k < CL_COUNT; k++) {
		int64_t n = metric(c, "op.closure.", code_str(&T_CLOSURE, k));
		out->by_closure[k] = n;
		if (rr->excluded[k])
			f->excluded += n;
		else
			f->den += n;
	}
	f->num = (double)metric(c, "op.closure.", code_str(&T_CLOSURE, CL_RESOLVED));

	f = &out->f[RATE_SATISFACTION];
	for (int k = 0; k < RT_COUNT; k++) {
		out->by_rating[k] = metric(c, "op.rating.", code_str(&T_RATING, k));
		f->den += out->by_rating[k];
	}
	f->num = (double)metric(c, "op.rating.", code_str(&T_RATING, RT_SATISFIED)) +
		 rr->basic_coefficient * (double)metric(c, "op.rating.", code_str(&T_RATING, RT_BASIC));

	f = &out->f[RATE_REDO]; /* among those answered or handled again */
	f->num = (double)stat_get(c, "op.redo");
	f->den = stat_get(c, "op.handled");

	double wsum = 0, total = 0;
	bool any = false;
	for (int k = 0; k < RATE_COUNT; k++) {
		f = &out->f[k];
		finish(f);
		f->score = f->pct < 0 ? -1 : curve_score(&rr->curve[k], f->pct);
		if (f->score >= 0 && rr->weight[k] > 0) {
			wsum += rr->weight[k];
			total += rr->weight[k] * f->score;
			any = true;
		}
	}
	out->composite = any ? total / wsum : -1;
	out->ranked = any && out->received >= rr->min_count;
}
