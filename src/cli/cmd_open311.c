/* cmd_open311.c: qingdan open311 - the systems (e.g. a county's 12345
 * platform) allowed to post and read requests through Open311. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"用法 / usage:\n"
	"  qingdan open311 add --name NAME --unit ID\n"
	"      新增接入方，打印其 api_key（只显示一次）/ add a client and print its\n"
	"      api_key (shown once; only its hash is kept)\n"
	"  qingdan open311 list               接入方列表 / the clients\n"
	"  qingdan open311 revoke --id N      停用 / revoke a client's key\n"
	"\n"
	"接入方可为其单位及下级单位提交诉求、推送回访结果。\n"
	"A client may post requests and updates for its unit and the units below.\n";

static int open311_add(struct cli *c, struct app *a, struct actor *sys)
{
	const char *name = NULL;
	int64_t unit = 0;
	const struct opt_spec spec[] = {
		{"name", OPT_TEXT, true, &name, 0, 0},
		{"unit", OPT_ID, true, &unit, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "open311");
	if (rc != CLI_OK)
		return rc;
	struct o311_client cl;
	char *key = NULL;
	struct qd_error e = {0};
	if (app_o311_client_add(a, sys, name, unit, &cl, &key, &e) != QD_OK)
		return cli_fail(c, &e);
	printf("client %lld\napi_key %s\n", (long long)cl.id, key);
	free(key);
	o311_client_clear(&cl);
	return CLI_OK;
}

static int open311_list(struct cli *c, struct app *a)
{
	int rc = cli_options(c, (const struct opt_spec[]){{NULL, 0, false, NULL, 0, 0}}, "open311");
	if (rc != CLI_OK)
		return rc;
	struct o311_client *v = NULL;
	int n = 0;
	struct qd_error e = {0};
	if (app_o311_client_list(a, &v, &n, &e) != QD_OK)
		return cli_fail(c, &e);
	for (int i = 0; i < n; i++)
		printf("%lld\t%s\tunit %lld\t%s\n", (long long)v[i].id, v[i].name,
		       (long long)v[i].unit_id,
		       v[i].revoked_at ? cli_l(c, "已停用", "revoked") : cli_l(c, "有效", "active"));
	o311_clients_free(v, n);
	return CLI_OK;
}

static int open311_revoke(struct cli *c, struct app *a, struct actor *sys)
{
	int64_t id = 0;
	const struct opt_spec spec[] = {
		{"id", OPT_ID, true, &id, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	int rc = cli_options(c, spec, "open311");
	if (rc != CLI_OK)
		return rc;
	struct qd_error e = {0};
	if (app_o311_client_revoke(a, sys, id, &e) != QD_OK)
		return cli_fail(c, &e);
	printf("%s\n", cli_l(c, "已停用", "revoked"));
	return CLI_OK;
}

int cmd_open311(struct cli *c)
{
	if (c->help)
		return cli_help(help);
	if (c->nwords < 2)
		return cli_usage_error(c, "open311", "%s: add list revoke",
				       cli_l(c, "缺少子命令", "missing subcommand"));
	int rc = cli_words(c, 2, "open311");
	if (rc != CLI_OK)
		return rc;
	const char *sub = c->words[1];
	if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "revoke") != 0)
		return cli_usage_error(c, "open311", "%s: %s",
				       cli_l(c, "没有这个子命令", "no such subcommand"), sub);
	struct app a;
	if (cli_open(c, &a) != CLI_OK)
		return CLI_FAIL;
	struct actor sys;
	actor_init_system(&sys);
	rc = strcmp(sub, "add") == 0	  ? open311_add(c, &a, &sys)
	     : strcmp(sub, "list") == 0 ? open311_list(c, &a)
					: open311_revoke(c, &a, &sys);
	actor_clear(&sys);
	app_close(&a);
	return rc;
}
