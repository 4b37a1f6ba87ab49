/* cmd_serve.c: qingdan serve - the built-in HTTP server (web pages and JSON API). */
#include "cli.h"
#include "../http/server.h"
#include "db_file.h"
#include <stdio.h>

static const char help[] =
	"用法 / usage: qingdan serve [--db PATH] [--address 127.0.0.1] [--port 8080]\n"
	"                     [--threads 2] [--port-file FILE]\n"
	"\n"
	"启动网页和 JSON 接口服务（网页在 /，接口在 /api/v1，见 docs/api.md），按 Ctrl-C 停止。\n"
	"Serve the web pages (/) and the JSON API (/api/v1, see docs/api.md) until Ctrl-C\n"
	"(SIGINT) or SIGTERM.\n"
	"\n"
	"  --address A    监听地址 / listen address, default 127.0.0.1\n"
	"  --port N       端口 / port, default 8080; 0 = any free port\n"
	"  --threads N    线程数 / listener threads (1-16), default 2\n"
	"  --port-file F  启动后把实际端口写入 F / write the bound port to F\n";

int cmd_serve(struct cli *c)
{
	struct serve_opts o = {.db = c->db, .address = "127.0.0.1", .port = 8080, .threads = 2};
	const struct opt_spec spec[] = {
		{"address", OPT_TEXT, false, &o.address, 0, 0},
		{"port", OPT_INT, false, &o.port, 0, 65535},
		{"threads", OPT_INT, false, &o.threads, 1, 16},
		{"port-file", OPT_TEXT, false, &o.port_file, 0, 0},
		{NULL, 0, false, NULL, 0, 0},
	};
	if (c->help)
		return cli_help(help);
	int rc = cli_options(c, spec, "serve");
	if (rc == CLI_OK)
		rc = cli_words(c, 1, "serve");
	if (rc != CLI_OK)
		return rc;
	if (!*o.address)
		return cli_usage_error(c, "serve", "%s", cli_l(c, "--address 不能为空",
							       "--address is empty"));
	if (!db_file_exists(c->db))
		return cli_refuse(c, "%s: %s (%s: qingdan init --db %s)",
				  cli_l(c, "没有数据库", "no database at"), c->db,
				  cli_l(c, "先新建", "create one with"), c->db);
	/* http_serve prints the URL once it is bound (the port may be 0). */
	struct qd_error e = {0};
	if (http_serve(&o, &e) != QD_OK)
		return cli_fail(c, &e);
	return CLI_OK;
}
