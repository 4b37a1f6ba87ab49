/* rates_show.h: the figures shared by the public board (board.c) and the
 * staff rates page (rates.c): the period picker, the counts, the four rates
 * with how each is computed and links to the records behind each part, and
 * the ranking of the children. base is the page ("/board" or "/rates");
 * links go to base?unit=&from=&to= and base/records?…&part=. */
#ifndef QD_WEB_RATES_SHOW_H
#define QD_WEB_RATES_SHOW_H
#include "web.h"

/* unit, from, to and offset of the query. Missing dates come from the
 * default period (app_default_period); a missing unit is 0. False with e
 * (BAD_PARAM) when one is malformed. */
bool rates_params(struct req *r, int64_t *unit, int *from, int *to, int64_t *offset,
		  struct qd_error *e);
/* "unit=ID&from=YYYY-MM-DD&to=YYYY-MM-DD" into b (write it with h_attr). */
void rates_query(struct buf *b, int64_t unit, int from, int to);
/* " ↑ 上级：NAME" linking page ("/board?" or "/rates?") of parent. */
void rates_up_link(struct page *p, const char *page, const struct unit *parent, int from,
		   int to);

/* The period line, the picker (a GET form: unit among opts, from, to) and
 * links to the two months before and after. */
void rates_period(struct page *p, const char *base, const struct unit_array *opts,
		  int64_t unit, int from, int to);
/* Cards of what was received and how it stands; s holds the op.* counters
 * of the same unit and period (app_stats). */
void rates_counts(struct page *p, const struct rates_view *v);
/* A card per rate and the composite, each linking to its explanation. */
void rates_cards(struct page *p, const struct rates_view *v);
/* How each rate is computed: its parts with their counts (linked to the
 * records), numerator, denominator, exclusions, the curve, the weight. */
void rates_how(struct page *p, const struct rates_view *v, const char *base);
/* The children ranked by composite; the others listed with the reason. */
void rates_ranking(struct page *p, const struct rates_view *v, const char *base);

/* The heading of a records page: the rate, the part, the unit, the period
 * and the part's count. False when part names no part (nothing written). */
bool rates_records_head(struct page *p, const struct rates_view *v, const char *base,
			const char *part);
/* A percentage with one decimal, or "—" (pct < 0: denominator 0). */
void rates_pct(struct buf *b, double pct);

#endif
