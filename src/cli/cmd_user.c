/* cmd_user.c: qingdan user add|passwd|grant|token - people and accounts. */
#include "cli.h"
#include "../domain/codes.h"
#include "../util/alloc.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"用法 / usage:\n"
	"  qingdan user add --login L --password P --name NAME --unit UNIT_ID\n"
	"                   [--title T] [--lang zh|en] [--role ROLE]\n"
	"      新建人员及其账号（可同时授予本单位角色）\n"
	"      add a person with an account (and optionally a role on that unit)\n"
	"  qingdan user passwd --login L --password P\n"
	"      重设密码，并使该账号已登录的会话和 API 令牌全部失效\n"
	"      set a password; the account's sessions and API tokens end\n"
	"  qingdan user grant --login L --unit UNIT_ID --role ROLE\n"
	"      授予某单位及其下级范围内的角色 / grant a role over a unit subtree\n"
	"  qingdan user token --login L\n"
	"      签发 API 令牌（只显示这一次）/ issue an API token (shown once)\n"
	"\n"
	"ROLE: admin leader handler grid_worker supervisor viewer\n"
	"密码也可放在环境变量 / the password may come from $QINGDAN_PASSWORD\n"
	"(8-128 characters).\n";

static const char *role_list(void)
{
	return "admin leader handler grid_worker supervisor viewer";
}

static int parse_role(const struct cli *c, const char *s, int *out)
{
	*out = code_parse(&T_ROLE, s);
	if (*out < 0)
		return cli_usage_error(c, "user", "--role %s: %s %s", s,
				       cli_l(c, "应为", "expected one of"), role_list());
	return CLI_OK;
}

static int need_password(const struct cli *c, const char *opt, const char **out)
{
	*out = cli_password(opt);
	if (!*out)
		return cli_usage_error(c, "user", "%s",
				       cli_l(c, "缺少 --password（或环境变量 QINGDAN_PASSWORD）",
					     "missing --password (or $QINGDAN_PASSWORD)"));
	return CLI_OK;
}

static qd_err find_account(struct app *a, const char *login, struct account *out,
			   struct qd_error *e)
{
	return app_account_find(a, login, out, e);
}

struct add_ctx {
	struct person p;
	struct account acc;
	const char *password;
	int role; /* -1: none */
	struct grant g;
};

static qd_err add_all(struct app *a, void *ctx, struct qd_error *e)
{
	struct add_ctx *x = ctx;
	struct actor sys;
	actor_init_system(&sys);
	qd_err r = app_person_add(a, &sys, &x->p, e);
	if (r == QD_OK) {
		x->acc.person_id = x->p.id;
		r = app_account_add(a, &sys, &x->acc, x->password, e);
	}
	if (r == QD_OK && x->role >= 0) {
		x->g = (struct grant){.account_id = x->acc.id, .unit_id = x->p.unit_id,
				      .role = x->role};
		r = app_grant_add(a, &sys, &x->g, e);
	}
	actor_clear(&sys);
	return r;
}

static int user_add(struct cli *c, struct app *a)
{
	const char *login = NULL, *pw = NULL, *name = NULL, *title = NULL, *lang = NULL,
		   *role = NULL;
	int64_t unit = 0;
	const struct opt_spec spec[] = {
		{"login", OPT_TEXT, true, &login, 0, 0},
		{"password", OPT_TEXT, false, &pw, 0, 0},
		{"name", OPT_TEXT, true, &name, 0, 0},
		{"unit", OPT_ID, true, &unit, 0, 0},
		{"title", OPT_TEXT, false, &title, 0, 0},
		{"lang", OPT_TEXT, false, &lang, 0, 0},
		{"role", OPT_TEXT, false, &role, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	struct add_ctx x = {.role = -1};
	int rc = cli_options(c, spec, "user");
	if (rc == CLI_OK)
		rc = need_password(c, pw, &x.password);
	if (rc == CLI_OK && role)
		rc = parse_role(c, role, &x.role);
	if (rc == CLI_OK && lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0)
		rc = cli_usage_error(c, "user", "--lang %s: %s", lang,
				     cli_l(c, "应为 zh 或 en", "expected zh or en"));
	if (rc == CLI_OK && cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	if (rc != CLI_OK)
		return rc;
	x.p = (struct person){.unit_id = unit, .name = xstrdup(name),
			      .title = xstrdup(title ? title : "")};
	x.acc.login = xstrdup(login);
	snprintf(x.acc.lang, sizeof x.acc.lang, "%s", lang ? lang : "");
	struct qd_error e = {0};
	if (cli_atomically(a, add_all, &x, &e) != QD_OK) {
		rc = cli_fail(c, &e);
	} else {
		printf("%s %s (person %lld), %s %s (account %lld)", cli_l(c, "已添加", "added"),
		       name, (long long)x.p.id, cli_l(c, "账号", "login"), login,
		       (long long)x.acc.id);
		if (x.role >= 0)
			printf(", %s %s @ unit %lld", cli_l(c, "角色", "role"), role,
			       (long long)unit);
		putchar('\n');
	}
	person_clear(&x.p);
	account_clear(&x.acc);
	grant_clear(&x.g);
	return rc;
}

static int user_passwd(struct cli *c, struct app *a)
{
	const char *login = NULL, *pw = NULL;
	const struct opt_spec spec[] = {
		{"login", OPT_TEXT, true, &login, 0, 0},
		{"password", OPT_TEXT, false, &pw, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "user");
	if (rc == CLI_OK)
		rc = need_password(c, pw, &pw);
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	struct actor sys;
	actor_init_system(&sys);
	struct qd_error e = {0};
	if (app_account_passwd(a, &sys, login, pw, &e) != QD_OK)
		rc = cli_fail(c, &e);
	else
		printf("%s: %s (%s)\n", cli_l(c, "已重设密码", "password set"), login,
		       cli_l(c, "原有会话和 API 令牌已失效", "its sessions and API tokens ended"));
	actor_clear(&sys);
	return rc;
}

static int user_grant(struct cli *c, struct app *a)
{
	const char *login = NULL, *role = NULL;
	int64_t unit = 0;
	int r_code;
	const struct opt_spec spec[] = {
		{"login", OPT_TEXT, true, &login, 0, 0},
		{"unit", OPT_ID, true, &unit, 0, 0},
		{"role", OPT_TEXT, true, &role, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "user");
	if (rc == CLI_OK)
		rc = parse_role(c, role, &r_code);
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	struct actor sys;
	actor_init_system(&sys);
	struct account acc = {0};
	struct grant g = {.unit_id = unit, .role = r_code};
	struct qd_error e = {0};
	qd_err r = find_account(a, login, &acc, &e);
	if (r == QD_OK) {
		g.account_id = acc.id;
		r = app_grant_add(a, &sys, &g, &e);
	}
	if (r != QD_OK)
		rc = cli_fail(c, &e);
	else
		printf("%s: %s %s @ unit %lld (grant %lld)\n", cli_l(c, "已授权", "granted"),
		       login, role, (long long)unit, (long long)g.id);
	grant_clear(&g);
	account_clear(&acc);
	actor_clear(&sys);
	return rc;
}

static int user_token(struct cli *c, struct app *a)
{
	const char *login = NULL;
	const struct opt_spec spec[] = {
		{"login", OPT_TEXT, true, &login, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "user");
	if (rc != CLI_OK)
		return rc;
	if (cli_open(c, a) != CLI_OK)
		return CLI_FAIL;
	struct actor sys;
	actor_init_system(&sys);
	struct account acc = {0};
	char token[64];
	struct qd_error e = {0};
	qd_err r = find_account(a, login, &acc, &e);
	if (r == QD_OK && !acc.active)
		r = qd_fail(&e, QD_FORBIDDEN, "login", "account is disabled");
	if (r == QD_OK)
		r = app_token_issue(a, &sys, acc.id, token, &e);
	if (r != QD_OK)
		rc = cli_fail(c, &e);
	else
		printf("%s\n", token);
	account_clear(&acc);
	actor_clear(&sys);
	return rc;
}

struct sub {
	const char *name;
	int (*run)(struct cli *c, struct app *a);
};

int cmd_user(struct cli *c)
{
	static const struct sub subs[] = {
		{"add", user_add}, {"passwd", user_passwd},
		{"grant", user_grant}, {"token", user_token},
	};
	if (c->help)
		return cli_help(help);
	if (c->nwords < 2)
		return cli_usage_error(c, "user", "%s: add passwd grant token",
				       cli_l(c, "缺少子命令", "missing subcommand"));
	int rc = cli_words(c, 2, "user");
	if (rc != CLI_OK)
		return rc;
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		if (strcmp(c->words[1], subs[i].name) == 0) {
			struct app a = {0};
			rc = subs[i].run(c, &a);
			if (a.st)
				app_close(&a);
			return rc;
		}
	return cli_usage_error(c, "user", "%s: %s",
			       cli_l(c, "没有这个子命令", "no such subcommand"), c->words[1]);
}
