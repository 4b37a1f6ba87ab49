/* cmd_permissions.c: qingdan permissions - the permission matrix, generated
 * from the routes' declarations (.access in src/api/routes.c,
 * src/web/routes.c, src/open311/routes.c) and the grant model
 * (domain/perm.c): every route (and every value of its action) x every
 * role x where the target lies from the actor's grant, and anonymous.
 *
 * No cell is typed by hand: each is perm_allows / perm_allows_global (or,
 * for Open311 clients, path coverage) of a grant of that role on a
 * township and the target's path. The positions use the unit paths of the
 * test fixture (tests/http/lib.sh):
 *
 *   /1/ county ── /1/2/ township T (the actor's grant) ── /1/2/4/ village
 *             └── /1/3/ the township beside T
 *
 * --format tsv is what tests/http/test_permission_matrix.sh reads and
 * tries against a real server; --format markdown is the table of
 * docs/security.md (scripts/perm-matrix.sh writes it there). Reads no
 * database. */
#include "cli.h"
#include "../domain/codes.h"
#include "../domain/tree.h"
#include "../http/http.h"
#include "../open311/o311.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"用法 / usage: qingdan permissions [--format markdown|tsv]\n"
	"\n"
	"打印权限矩阵：每个接口和页面 × 每个角色 × 目标所在位置（本级、下级、上级、\n"
	"平级）及未登录，由路由声明和授权模型（domain/perm.c）生成。\n"
	"Print the permission matrix: every endpoint and page x every role x where\n"
	"the target lies (at the grant's unit, inside, above, beside) and anonymous,\n"
	"generated from the routes' declarations and the grant model. markdown (the\n"
	"default) is the table of docs/security.md (scripts/perm-matrix.sh), tsv\n"
	"what tests/http/test_permission_matrix.sh reads.\n";

enum position { POS_AT, POS_INSIDE, POS_ABOVE, POS_BESIDE, POS_COUNT };

/* In the markdown table a role's cell has a mark per position, in this
 * order (= ↓ ↑ ↔). */
static const struct {
	const char *name;
	const char *target;          /* the target's unit path */
} positions[POS_COUNT] = {
	[POS_AT] = {"at", "/1/2/"},
	[POS_INSIDE] = {"inside", "/1/2/4/"},
	[POS_ABOVE] = {"above", "/1/"},
	[POS_BESIDE] = {"beside", "/1/3/"},
};
#define GRANT_UNIT "/1/2/"  /* the actor's grant (and an Open311 client's unit) */
#define ROOT_UNIT "/1/"     /* a grant on the root: "at" a global setting */

static const char *const pa_names[PA_COUNT] = {
	[PA_READ] = "READ", [PA_READ_PERSONAL] = "READ_PERSONAL",
	[PA_ITEM_CREATE] = "ITEM_CREATE", [PA_ITEM_EDIT] = "ITEM_EDIT",
	[PA_ITEM_WORK] = "ITEM_WORK", [PA_ITEM_CLAIM] = "ITEM_CLAIM",
	[PA_ITEM_VERIFY] = "ITEM_VERIFY", [PA_UNIT_ADMIN] = "UNIT_ADMIN",
	[PA_ACCOUNT_ADMIN] = "ACCOUNT_ADMIN",
};

static const struct {
	const char *name, *means;
} targets[TG_COUNT] = {
	[TG_NONE] = {"-", NULL},
	[TG_SCOPE] = {"own units", "a page about the actor's own units: it names none"},
	[TG_UNIT] = {"unit named", "the unit the query (unit=, under=) or the body (unit_id, "
				  "parent_id) names"},
	[TG_UNIT_ARG] = {"the unit", "the unit in the path"},
	[TG_NEW_PARENT] = {"new parent", "where one of the actor's own units moves to"},
	[TG_ITEM] = {"item", "the item's owner unit"},
	[TG_MEASURE] = {"measure's item", "the owner unit of the measure's item"},
	[TG_OPINION] = {"opinion", "the opinion's unit"},
	[TG_PERSON] = {"person", "the unit of the person who gets the account"},
	[TG_GRANT] = {"grant", "the grant's unit (and its account's person's)"},
	[TG_REQUEST] = {"request", "the unit of the Open311 request"},
	[TG_AREA] = {"jurisdiction", "the jurisdiction named; read where it overlaps the client's "
				   "subtree (its part of it)"},
};

/* A cell: allowed, refused, or a position the row does not have. */
enum cell { CELL_NA, CELL_NO, CELL_YES };

static enum cell yes_if(bool b)
{
	return b ? CELL_YES : CELL_NO;
}

/* What a role may do, its one grant on unit_path. */
static bool role_may(int role, const char *unit_path, enum perm_action pa, const char *target)
{
	struct grant g = {.role = role, .unit_path = (char *)unit_path};
	return perm_allows(&g, 1, pa, target);
}

/* A staff account of role (its grant on T), or with role -1 an Open311
 * client of T, where the target lies at pos. */
static enum cell expect(const struct access *a, int role, enum position pos)
{
	const char *target = positions[pos].target;
	bool client = role < 0;
	switch (a->need) {
	case NEED_UNDECLARED:
		return CELL_NA; /* refused by cmd_permissions */
	case NEED_PUBLIC:
		return CELL_YES;
	case NEED_LOGIN:
		return yes_if(!client);
	case NEED_GLOBAL:
		/* The target is the root: "at" it is a grant on the root,
		 * "above" T's; there is nothing inside or beside a root. */
		if (pos == POS_INSIDE || pos == POS_BESIDE)
			return CELL_NA;
		if (client)
			return CELL_NO;
		struct grant g = {.role = role,
				  .unit_path = (char *)(pos == POS_AT ? ROOT_UNIT : GRANT_UNIT)};
		return yes_if(perm_allows_global(&g, 1, a->pa));
	case NEED_PERM:
		if (client)
			return CELL_NO;
		/* A page about the actor's own units names no target. */
		return yes_if(role_may(role, GRANT_UNIT, a->pa,
				       a->target == TG_SCOPE ? GRANT_UNIT : target));
	case NEED_CLIENT:
		if (!client)
			return CELL_NO; /* a login is no api_key */
		if (a->target == TG_AREA)
			return yes_if(path_covers(GRANT_UNIT, target) || path_covers(target, GRANT_UNIT));
		return yes_if(path_covers(GRANT_UNIT, target));
	}
	return CELL_NA;
}

/* One row of the matrix: a route, or a route with one value of its action. */
struct row {
	const char *surface;         /* api, web, open311 */
	const char *method;
	char path[160];
	const char *action;          /* NULL: none */
	const struct access *access;
};

#define ROWS_MAX 256

static int collect(struct row *rows)
{
	int n = 0;
	const struct {
		const char *surface;
		const struct route *table;
	} tables[] = {{"api", api_routes}, {"web", web_routes}};
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		for (const struct route *rt = tables[t].table; rt->pattern; rt++) {
			const struct route_action *acts = rt->actions;
			for (int k = 0; acts ? acts[k].name != NULL : k == 0; k++) {
				if (n == ROWS_MAX)
					return n;
				struct row *w = &rows[n++];
				w->surface = tables[t].surface;
				w->method = method_name(rt->method);
				snprintf(w->path, sizeof w->path, "%s", rt->pattern);
				w->action = acts ? acts[k].name : NULL;
				w->access = acts ? &acts[k].access : &rt->access;
			}
		}
	}
	for (const struct o311_route *rt = open311_routes; rt->path && n < ROWS_MAX; rt++) {
		struct row *w = &rows[n++];
		w->surface = "open311";
		w->method = method_name(rt->method);
		snprintf(w->path, sizeof w->path, "%s%s%s.{fmt}", rt->path, rt->arg ? "/:" : "",
			 rt->arg ? rt->arg : "");
		w->action = NULL;
		w->access = &rt->access;
	}
	return n;
}

static bool has_client(const struct row *w)
{
	return strcmp(w->surface, "open311") == 0;
}

/* What the row needs, in words: "READ · item", "public", ... */
static void need_text(const struct access *a, char *out, size_t n)
{
	switch (a->need) {
	case NEED_UNDECLARED:
		snprintf(out, n, "undeclared");
		return;
	case NEED_PUBLIC:
		snprintf(out, n, "public");
		return;
	case NEED_LOGIN:
		snprintf(out, n, "login");
		return;
	case NEED_GLOBAL:
		snprintf(out, n, "%s · root", pa_names[a->pa]);
		return;
	case NEED_PERM:
		snprintf(out, n, "%s · %s", pa_names[a->pa], targets[a->target].name);
		return;
	case NEED_CLIENT:
		snprintf(out, n, "api_key · %s", targets[a->target].name);
		return;
	}
	snprintf(out, n, "?");
}

static const char *tsv_cell(enum cell c)
{
	return c == CELL_YES ? "y" : c == CELL_NO ? "n" : "-";
}

static const char *md_cell(enum cell c)
{
	return c == CELL_YES ? "✓" : c == CELL_NO ? "✗" : "·";
}

/* Every cell of row w: roles x positions, then the client's positions,
 * then anonymous; CELL_NA for the client outside Open311. */
#define CELLS (ROLE_COUNT * POS_COUNT + POS_COUNT + 1)
static void row_cells(const struct row *w, enum cell *out)
{
	int k = 0;
	for (int role = 0; role < ROLE_COUNT; role++)
		for (int p = 0; p < POS_COUNT; p++)
			out[k++] = expect(w->access, role, p);
	for (int p = 0; p < POS_COUNT; p++)
		out[k++] = has_client(w) ? expect(w->access, -1, p) : CELL_NA;
	out[k] = yes_if(w->access->need == NEED_PUBLIC);
}

static void print_tsv(const struct row *rows, int n)
{
	printf("surface\tmethod\tpath\taction\tneed\tdeny");
	for (int role = 0; role < ROLE_COUNT; role++)
		for (int p = 0; p < POS_COUNT; p++)
			printf("\t%s@%s", code_str(&T_ROLE, role), positions[p].name);
	for (int p = 0; p < POS_COUNT; p++)
		printf("\tclient@%s", positions[p].name);
	printf("\tanonymous\n");
	for (int i = 0; i < n; i++) {
		const struct row *w = &rows[i];
		char need[64];
		need_text(w->access, need, sizeof need);
		enum cell c[CELLS];
		row_cells(w, c);
		printf("%s\t%s\t%s\t%s\t%s\t%d", w->surface, w->method, w->path,
		       w->action ? w->action : "-", need, w->access->hides ? 404 : 403);
		for (int k = 0; k < CELLS; k++)
			printf("\t%s", tsv_cell(c[k]));
		printf("\n");
	}
}

struct counts {
	int rows, yes, no;
};

static void count(const struct row *w, struct counts *t)
{
	enum cell c[CELLS];
	row_cells(w, c);
	t->rows++;
	for (int k = 0; k < CELLS; k++) {
		t->yes += c[k] == CELL_YES;
		t->no += c[k] == CELL_NO;
	}
}

/* "POST /api/v1/items/:ref/signoff", "POST /items/:ref/act action=claim". */
static void route_text(const struct row *w, char *out, size_t n)
{
	const char *arg = w->action ? strstr(w->path, ":action") : NULL;
	if (arg)
		snprintf(out, n, "%s %.*s%s%s", w->method, (int)(arg - w->path), w->path, w->action,
			 arg + strlen(":action"));
	else if (w->action)
		snprintf(out, n, "%s %s action=%s", w->method, w->path, w->action);
	else
		snprintf(out, n, "%s %s", w->method, w->path);
}

static void md_table(const struct row *rows, int n, const char *surface, const char *title,
		     const char **notes, int *nnotes)
{
	bool client = strcmp(surface, "open311") == 0;
	printf("\n### %s\n\n| route | needs |", title);
	for (int role = 0; role < ROLE_COUNT; role++)
		printf(" %s |", code_str(&T_ROLE, role));
	if (client)
		printf(" client |");
	printf(" anonymous |\n|---|---|");
	for (int role = 0; role < ROLE_COUNT + client; role++)
		printf(":-:|");
	printf(":-:|\n");
	for (int i = 0; i < n; i++) {
		const struct row *w = &rows[i];
		if (strcmp(w->surface, surface) != 0)
			continue;
		char need[64];
		need_text(w->access, need, sizeof need);
		char route[200];
		route_text(w, route, sizeof route);
		printf("| `%s`%s | %s", route, w->access->hides ? " (404)" : "", need);
		if (w->access->note) {
			int k = 0;
			while (k < *nnotes && strcmp(notes[k], w->access->note) != 0)
				k++;
			if (k == *nnotes)
				notes[(*nnotes)++] = w->access->note;
			printf(" [%d]", k + 1);
		}
		printf(" |");
		enum cell c[CELLS];
		row_cells(w, c);
		for (int role = 0; role < ROLE_COUNT + client; role++) {
			printf(" ");
			for (int p = 0; p < POS_COUNT; p++)
				printf("%s", md_cell(c[role * POS_COUNT + p]));
			printf(" |");
		}
		printf(" %s |\n", md_cell(c[CELLS - 1]));
	}
}

static void print_markdown(const struct row *rows, int n)
{
	struct counts all = {0}, api = {0}, web = {0}, o311 = {0};
	for (int i = 0; i < n; i++) {
		count(&rows[i], &all);
		count(&rows[i], strcmp(rows[i].surface, "api") == 0   ? &api
				: strcmp(rows[i].surface, "web") == 0 ? &web
								      : &o311);
	}
	printf("Generated by `qingdan permissions` (`scripts/perm-matrix.sh` writes it here)\n"
	       "from what each route declares it needs (`.access` in `src/api/routes.c`,\n"
	       "`src/web/routes.c`, `src/open311/routes.c`) and the grant model\n"
	       "(`src/domain/perm.c`): no cell is typed by hand. `make test` makes the\n"
	       "request of every cell against a real server\n"
	       "(`tests/http/test_permission_matrix.sh`) and fails when this table is not\n"
	       "the generated one.\n\n");
	printf("**%d rows** (%d JSON API, %d web pages, %d Open311; a route whose action is\n"
	       "a path segment or a form field has a row per action), each with %d roles ×\n"
	       "4 positions and anonymous, the Open311 rows also with the client × 4\n"
	       "positions: **%d cells, %d allowed (✓), %d refused (✗)**.\n\n",
	       all.rows, api.rows, web.rows, o311.rows, ROLE_COUNT, all.yes + all.no, all.yes,
	       all.no);
	printf("Each role's cell holds four marks, one per position of the target for an\n"
	       "account whose one grant is on a township T (甲镇 in the test fixture), in\n"
	       "this order: **=** the target is T itself, **↓** a unit below T (a village),\n"
	       "**↑** T's parent (the county), **↔** the township beside T. A setting of\n"
	       "the whole deployment (\"root\") has two: = is the role's grant on the\n"
	       "county, ↑ its grant on T; · marks the others. The Open311 client holds an\n"
	       "api_key for T; staff logins count for nothing there.\n\n"
	       "Verification (sign-off, send back, reopen) needs a leader or admin\n"
	       "strictly above the owner unit, a supervisor anywhere over it: hence ✗✓ for\n"
	       "leaders and admins, where = and ↓ differ.\n\n"
	       "Refused means 401 (API) or a redirect to /login (pages) without a login,\n"
	       "403 otherwise — 404 where a row says so (a record out of reach is not\n"
	       "shown to exist) — and nothing written.\n\n"
	       "The target, after the action in \"needs\":\n\n");
	for (int t = 1; t < TG_COUNT; t++)
		printf("- *%s*: %s\n", targets[t].name, targets[t].means);
	printf("- *root*: the whole deployment (a grant on a unit without a parent)\n");
	const char *notes[ROWS_MAX];
	int nnotes = 0;
	md_table(rows, n, "api", "JSON API (`/api/v1`)", notes, &nnotes);
	md_table(rows, n, "web", "Web pages", notes, &nnotes);
	md_table(rows, n, "open311", "Open311 (`{fmt}` is xml or json)", notes, &nnotes);
	if (nnotes)
		printf("\n");
	for (int k = 0; k < nnotes; k++)
		printf("- [%d] %s\n", k + 1, notes[k]);
}

/* The item actions declared for the routes must be the domain's, each
 * with the permission item_action_perm gives it: an action added to the
 * state machine and not to item_route_actions would have no row. */
static bool item_actions_agree(const struct cli *c)
{
	int n = 0;
	for (const struct route_action *x = item_route_actions; x->name; x++, n++) {
		int a = code_parse(&T_ITEM_ACTION, x->name);
		if (a < 0 || x->access.need != NEED_PERM || x->access.pa != item_action_perm(a) ||
		    x->access.target != TG_ITEM) {
			cli_refuse(c, "item_route_actions: %s is not the domain's action %s needs",
				   x->name, a < 0 ? "(unknown)" : pa_names[item_action_perm(a)]);
			return false;
		}
	}
	if (n != IA_COUNT) {
		cli_refuse(c, "item_route_actions declares %d of the %d item actions", n, IA_COUNT);
		return false;
	}
	return true;
}

int cmd_permissions(struct cli *c)
{
	const char *format = "markdown";
	const struct opt_spec spec[] = {
		{"format", OPT_TEXT, false, &format, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "permissions");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "permissions");
	if (rc != CLI_OK)
		return rc;
	bool tsv = strcmp(format, "tsv") == 0;
	if (!tsv && strcmp(format, "markdown") != 0)
		return cli_usage_error(c, "permissions", "--format: markdown or tsv");
	if (!item_actions_agree(c))
		return CLI_FAIL;
	static struct row rows[ROWS_MAX];
	int n = collect(rows);
	if (n == ROWS_MAX)
		return cli_refuse(c, "more than %d rows: raise ROWS_MAX", ROWS_MAX - 1);
	for (int i = 0; i < n; i++)
		if (rows[i].access->need == NEED_UNDECLARED)
			return cli_refuse(c, "%s %s%s%s declares no .access (src/%s/routes.c)",
					  rows[i].method, rows[i].path, rows[i].action ? " " : "",
					  rows[i].action ? rows[i].action : "", rows[i].surface);
	if (tsv)
		print_tsv(rows, n);
	else
		print_markdown(rows, n);
	return fflush(stdout) == 0 ? CLI_OK : CLI_FAIL;
}
