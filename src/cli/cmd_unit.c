/* cmd_unit.c: qingdan unit add|list|move|rename|deactivate - the unit tree. */
#include "cli.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../util/alloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"用法 / usage:\n"
	"  qingdan unit add --name N --kind KIND [--parent ID] [--code C]\n"
	"      新建单位（不给 --parent 即为根单位）/ add a unit (a root without --parent)\n"
	"  qingdan unit list [--under ID] [--depth N]\n"
	"      以缩进树显示单位 / print the tree: id, kind, name\n"
	"  qingdan unit move --id ID --parent ID       移到新的上级 / move under a new parent\n"
	"  qingdan unit rename --id ID --name N        改名 / rename\n"
	"  qingdan unit deactivate --id ID             停用 / deactivate\n"
	"\n"
	"KIND: county township street village community grid party_committee\n"
	"      general_branch branch group department other\n";

static int parse_kind(const struct cli *c, const char *s, int *out)
{
	*out = code_parse(&T_UNIT_KIND, s);
	if (*out >= 0)
		return CLI_OK;
	return cli_usage_error(c, "unit", "--kind %s: %s", s,
			       cli_l(c, "不认识的单位类型", "unknown unit kind"));
}

static int unit_add(struct cli *c, struct app *a, struct actor *sys)
{
	const char *name = NULL, *kind = NULL, *code = NULL;
	int64_t parent = 0;
	int k;
	const struct opt_spec spec[] = {
		{"name", OPT_TEXT, true, &name, 0, 0},
		{"kind", OPT_TEXT, true, &kind, 0, 0},
		{"parent", OPT_ID, false, &parent, 0, 0},
		{"code", OPT_TEXT, false, &code, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "unit");
	if (rc == CLI_OK)
		rc = parse_kind(c, kind, &k);
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	struct unit u = {.parent_id = parent, .kind = k, .name = xstrdup(name),
			 .code = code && *code ? xstrdup(code) : NULL};
	struct qd_error e = {0};
	if (app_unit_add(a, sys, &u, &e) != QD_OK)
		rc = cli_fail(c, &e);
	else
		printf("%s %lld %s (%s)\n", cli_l(c, "已添加单位", "added unit"), (long long)u.id,
		       u.name, code_label(&T_UNIT_KIND, u.kind, c->lang));
	unit_clear(&u);
	return rc;
}

/* Order for printing: siblings by id under their parent. */
static int by_parent_id(const void *x, const void *y)
{
	const struct unit *a = x, *b = y;
	if (a->parent_id != b->parent_id)
		return a->parent_id < b->parent_id ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static void print_unit(const struct cli *c, const struct unit *u, int base)
{
	printf("%*s%-6lld %s  %s%s\n", 2 * (u->depth - base), "", (long long)u->id,
	       code_label(&T_UNIT_KIND, u->kind, c->lang), u->name,
	       u->active ? "" : cli_l(c, "  [已停用]", "  [inactive]"));
}

/* Print the children of id, each followed by its own subtree; all is
 * sorted by (parent_id, id). */
static void print_children(const struct cli *c, const struct unit_array *all, int64_t id,
			   int base)
{
	struct unit key = {.parent_id = id, .id = 0};
	int lo = 0, hi = all->n;
	while (lo < hi) { /* first unit with parent_id >= id */
		int mid = (lo + hi) / 2;
		if (by_parent_id(&all->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < all->n && all->v[i].parent_id == id; i++) {
		print_unit(c, &all->v[i], base);
		print_children(c, all, all->v[i].id, base);
	}
}

static qd_err list_one(struct cli *c, struct app *a, struct actor *sys, int64_t id, int depth,
		       struct qd_error *e)
{
	struct unit_array all = {0};
	qd_err r = app_unit_tree(a, sys, id, depth, &all, e);
	if (r == QD_OK && all.n > 0) {
		/* the subtree comes in path order: its root first */
		print_unit(c, &all.v[0], all.v[0].depth);
		int base = all.v[0].depth;
		qsort(all.v, (size_t)all.n, sizeof all.v[0], by_parent_id);
		print_children(c, &all, id, base);
	}
	unit_array_free(&all);
	return r;
}

static int unit_list(struct cli *c, struct app *a, struct actor *sys)
{
	int64_t under = 0;
	int depth = PATH_MAX_DEPTH;
	const struct opt_spec spec[] = {
		{"under", OPT_ID, false, &under, 0, 0},
		{"depth", OPT_INT, false, &depth, 0, PATH_MAX_DEPTH},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "unit");
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	struct qd_error e = {0};
	struct unit_array roots = {0};
	qd_err r = QD_OK;
	if (under)
		r = list_one(c, a, sys, under, depth, &e);
	else
		r = app_unit_roots(a, sys, &roots, &e);
	for (int i = 0; r == QD_OK && i < roots.n; i++)
		r = list_one(c, a, sys, roots.v[i].id, depth, &e);
	if (r == QD_OK && !under && roots.n == 0)
		fprintf(stderr, "%s\n", cli_l(c, "还没有单位（qingdan unit add ...）",
					       "no units yet (qingdan unit add ...)"));
	unit_array_free(&roots);
	return r == QD_OK ? CLI_OK : cli_fail(c, &e);
}

static int unit_move(struct cli *c, struct app *a, struct actor *sys)
{
	int64_t id = 0, parent = 0;
	const struct opt_spec spec[] = {
		{"id", OPT_ID, true, &id, 0, 0},
		{"parent", OPT_ID, true, &parent, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "unit");
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	struct qd_error e = {0};
	if (app_unit_move(a, sys, id, parent, &e) != QD_OK)
		return cli_fail(c, &e);
	printf("%s %lld -> %lld\n", cli_l(c, "已移动单位", "moved unit"), (long long)id,
	       (long long)parent);
	return CLI_OK;
}

/* Change one unit: set its name (rename) or clear its active flag. */
static int unit_change(struct cli *c, struct app *a, struct actor *sys, bool rename)
{
	int64_t id = 0;
	const char *name = NULL;
	const struct opt_spec spec[] = {
		{"id", OPT_ID, true, &id, 0, 0},
		{rename ? "name" : NULL, OPT_TEXT, true, &name, 0, 0}, /* deactivate: ends here */
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "unit");
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	struct unit u = {0};
	struct qd_error e = {0};
	qd_err r = app_unit_get(a, sys, id, &u, &e);
	if (r == QD_OK) {
		if (rename)
			xstrset(&u.name, name);
		else
			u.active = false;
		r = app_unit_update(a, sys, &u, &e);
	}
	if (r != QD_OK)
		rc = cli_fail(c, &e);
	else if (rename)
		printf("%s %lld: %s\n", cli_l(c, "已改名", "renamed unit"), (long long)id, u.name);
	else
		printf("%s %lld %s\n", cli_l(c, "已停用单位", "deactivated unit"), (long long)id,
		       u.name);
	unit_clear(&u);
	return rc;
}

static int unit_rename(struct cli *c, struct app *a, struct actor *sys)
{
	return unit_change(c, a, sys, true);
}

static int unit_deactivate(struct cli *c, struct app *a, struct actor *sys)
{
	return unit_change(c, a, sys, false);
}

struct sub {
	const char *name;
	int (*run)(struct cli *c, struct app *a, struct actor *sys);
};

int cmd_unit(struct cli *c)
{
	static const struct sub subs[] = {
		{"add", unit_add},	 {"list", unit_list},
		{"move", unit_move},	 {"rename", unit_rename},
		{"deactivate", unit_deactivate},
	};
	if (c->help)
		return cli_help(help);
	if (c->nwords < 2)
		return cli_usage_error(c, "unit", "%s: add list move rename deactivate",
				       cli_l(c, "缺少子命令", "missing subcommand"));
	int rc = cli_words(c, 2, "unit");
	if (rc != CLI_OK)
		return rc;
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(c->words[1], subs[i].name) == 0) {
			struct app a = {0};
			struct actor sys;
			actor_init_system(&sys);
			rc = subs[i].run(c, &a, &sys);
			actor_clear(&sys);
			if (a.st)
				app_close(&a);
			return rc;
		}
	return cli_usage_error(c, "unit", "%s: %s",
			       cli_l(c, "没有这个子命令", "no such subcommand"), c->words[1]);
}
