/* cli.c: argument parsing and error printing shared by the commands. */
#include "cli.h"
#include "../util/alloc.h"
#include "../util/date.h"
#include <errno.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DB "qingdan.db"

/* Options that never take a value. */
static const char *const flags[] = {"help", "version", "force", "org-only", "dry-run", "quiet", "bom",
				    "overdue", NULL};

static bool is_flag(const char *name)
{
	for (int i = 0; flags[i]; i++)
		if (strcmp(flags[i], name) == 0)
			return true;
	return false;
}

static bool starts_en(const char *s)
{
	return s && strncmp(s, "en", 2) == 0;
}

static const char *pick_lang(void)
{
	const char *q = getenv("QINGDAN_LANG");
	if (q && *q)
		return starts_en(q) ? "en" : "zh";
	return starts_en(getenv("LANG")) ? "en" : "zh";
}

const char *cli_l(const struct cli *c, const char *zh, const char *en)
{
	return strcmp(c->lang, "en") == 0 ? en : zh;
}

static int vrefuse(const char *fmt, va_list ap)
{
	fputs("qingdan: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return CLI_FAIL;
}

int cli_refuse(const struct cli *c, const char *fmt, ...)
{
	(void)c;
	va_list ap;
	va_start(ap, fmt);
	vrefuse(fmt, ap);
	va_end(ap);
	return CLI_FAIL;
}

int cli_usage_error(const struct cli *c, const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vrefuse(fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: qingdan %s%s--help\n", cli_l(c, "用法见", "see"), cmd ? cmd : "",
		cmd ? " " : "");
	return CLI_USAGE;
}

int cli_help(const char *text)
{
	fputs(text, stdout);
	return CLI_OK;
}

int cli_fail(const struct cli *c, const struct qd_error *e)
{
	fprintf(stderr, "qingdan: %s", qd_err_message(e->code, c->lang));
	if (e->field[0])
		fprintf(stderr, " [%s]", e->field);
	if (e->detail[0])
		fprintf(stderr, ": %s", e->detail);
	fputc('\n', stderr);
	return CLI_FAIL;
}

static int add_opt(struct cli *c, const char *name, size_t len, const char *value)
{
	if (c->nopts == CLI_MAX_OPTS)
		return cli_usage_error(c, NULL, "%s", cli_l(c, "选项太多", "too many options"));
	if (len >= CLI_OPT_NAME)
		return cli_usage_error(c, NULL, "%s: --%.*s",
				       cli_l(c, "不认识的选项", "unknown option"), (int)len, name);
	for (int i = 0; i < c->nopts; i++)
		if (strlen(c->opts[i].name) == len && strncmp(c->opts[i].name, name, len) == 0)
			return cli_usage_error(c, NULL, "%s: --%.*s",
					       cli_l(c, "选项重复", "option given twice"), (int)len,
					       name);
	struct cli_opt *o = &c->opts[c->nopts++];
	snprintf(o->name, sizeof o->name, "%.*s", (int)len, name);
	o->value = value;
	o->used = false;
	return CLI_OK;
}

/* One "--name[=value]" argument; *i advances past a separate value. */
static int parse_option(struct cli *c, int argc, char **argv, int *i)
{
	const char *arg = argv[*i] + 2;
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	if (len == 0)
		return cli_usage_error(c, NULL, "%s: %s", cli_l(c, "无效的选项", "bad option"),
				       argv[*i]);
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)len, arg);
	if (is_flag(name)) {
		if (eq)
			return cli_usage_error(c, NULL, "%s: --%s",
					       cli_l(c, "此选项不带值", "option takes no value"),
					       name);
		return add_opt(c, arg, len, NULL);
	}
	const char *value = eq ? eq + 1 : NULL;
	if (!eq) {
		if (*i + 1 >= argc || strncmp(argv[*i + 1], "--", 2) == 0)
			return cli_usage_error(c, NULL, "%s: --%s",
					       cli_l(c, "选项缺少值", "missing value for option"),
					       name);
		value = argv[++*i];
	}
	return add_opt(c, arg, len, value);
}

static void take_globals(struct cli *c)
{
	c->db = getenv("QINGDAN_DB");
	if (!c->db || !*c->db)
		c->db = DEFAULT_DB;
	for (int i = 0; i < c->nopts; i++) {
		struct cli_opt *o = &c->opts[i];
		if (strcmp(o->name, "db") == 0) {
			c->db = o->value;
			o->used = true;
		} else if (strcmp(o->name, "help") == 0) {
			c->help = true;
			o->used = true;
		}
	}
}

int cli_parse(struct cli *c, int argc, char **argv)
{
	memset(c, 0, sizeof *c);
	c->lang = pick_lang();
	bool words_only = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = CLI_OK;
		if (!words_only && strcmp(a, "--") == 0)
			words_only = true;
		else if (!words_only && strncmp(a, "--", 2) == 0)
			r = parse_option(c, argc, argv, &i);
		else if (!words_only && (strcmp(a, "-h") == 0 || strcmp(a, "-?") == 0))
			r = add_opt(c, "help", 4, NULL);
		else if (!words_only && a[0] == '-' && a[1])
			r = cli_usage_error(c, NULL, "%s: %s",
					    cli_l(c, "不认识的选项", "unknown option"), a);
		else if (c->nwords == CLI_MAX_WORDS)
			r = cli_usage_error(c, NULL, "%s: %s",
					    cli_l(c, "多余的参数", "unexpected argument"), a);
		else
			c->words[c->nwords++] = a;
		if (r != CLI_OK)
			return r;
	}
	take_globals(c);
	if (!*c->db)
		return cli_usage_error(c, NULL, "%s", cli_l(c, "--db 不能为空", "--db is empty"));
	return CLI_OK;
}

static const char *kind_hint(const struct cli *c, enum opt_kind k)
{
	switch (k) {
	case OPT_ID:
		return cli_l(c, "需要正整数编号", "expected a positive integer id");
	case OPT_INT:
		return cli_l(c, "需要范围内的整数", "expected an integer in range");
	case OPT_DAY:
		return cli_l(c, "需要日期 YYYY-MM-DD", "expected a date YYYY-MM-DD");
	default:
		return "";
	}
}

static bool parse_i64(const char *s, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno)
		return false;
	*out = v;
	return true;
}

/* Store the value of o into spec's output; false when it is malformed. */
static bool store_value(const struct opt_spec *s, const struct cli_opt *o)
{
	long long v;
	switch (s->kind) {
	case OPT_TEXT:
		*(const char **)s->out = o->value;
		return true;
	case OPT_FLAG:
		*(bool *)s->out = true;
		return true;
	case OPT_ID:
		if (!parse_i64(o->value, &v) || v <= 0)
			return false;
		*(int64_t *)s->out = v;
		return true;
	case OPT_INT:
		if (!parse_i64(o->value, &v) || v < s->min || v > s->max)
			return false;
		*(int *)s->out = (int)v;
		return true;
	case OPT_DAY:
		return day_parse(o->value, (int *)s->out);
	}
	return false;
}

static const struct opt_spec *find_spec(const struct opt_spec *spec, const char *name)
{
	for (; spec->name; spec++)
		if (strcmp(spec->name, name) == 0)
			return spec;
	return NULL;
}

int cli_options(struct cli *c, const struct opt_spec *spec, const char *cmd)
{
	for (int i = 0; i < c->nopts; i++) {
		struct cli_opt *o = &c->opts[i];
		if (o->used)
			continue;
		const struct opt_spec *s = find_spec(spec, o->name);
		if (!s)
			return cli_usage_error(c, cmd, "%s: --%s",
					       cli_l(c, "不认识的选项", "unknown option"), o->name);
		if ((s->kind == OPT_FLAG) != (o->value == NULL))
			return cli_usage_error(c, cmd, "%s: --%s",
					       cli_l(c, "选项缺少值", "missing value for option"),
					       o->name);
		if (!store_value(s, o)) {
			if (s->kind == OPT_INT)
				return cli_usage_error(c, cmd, "--%s %s: %s %d..%d", o->name,
						       o->value, kind_hint(c, s->kind), s->min,
						       s->max);
			return cli_usage_error(c, cmd, "--%s %s: %s", o->name, o->value,
					       kind_hint(c, s->kind));
		}
		o->used = true;
	}
	for (; spec->name; spec++) {
		bool given = false;
		for (int i = 0; i < c->nopts && !given; i++)
			given = strcmp(c->opts[i].name, spec->name) == 0;
		if (spec->required && !given)
			return cli_usage_error(c, cmd, "%s: --%s",
					       cli_l(c, "缺少必需的选项", "missing required option"),
					       spec->name);
	}
	return CLI_OK;
}

int cli_words(const struct cli *c, int n, const char *cmd)
{
	if (c->nwords > n)
		return cli_usage_error(c, cmd, "%s: %s",
				       cli_l(c, "多余的参数", "unexpected argument"), c->words[n]);
	return CLI_OK;
}

int cli_open(const struct cli *c, struct app *a)
{
	struct qd_error e = {0};
	if (app_open(c->db, false, NULL, a, &e) != QD_OK)
		return cli_fail(c, &e);
	return CLI_OK;
}

const char *cli_password(const char *opt)
{
	if (opt)
		return opt;
	const char *env = getenv("QINGDAN_PASSWORD");
	return env && *env ? env : NULL;
}

qd_err cli_atomically(struct app *a, qd_err (*fn)(struct app *a, void *ctx, struct qd_error *e),
		      void *ctx, struct qd_error *e)
{
	return app_batch(a, fn, ctx, e);
}

qd_err cli_setting_set(struct app *a, const char *key, const char *value, struct qd_error *e)
{
	struct actor sys;
	actor_init_system(&sys);
	qd_err r = app_setting_set(a, &sys, key, value, e);
	actor_clear(&sys);
	return r;
}

char *cli_read_file(const struct cli *c, const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		cli_refuse(c, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat sb;
	size_t cap = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size <= max
			     ? (size_t)sb.st_size
			     : max + 1; /* a pipe, or too large: one byte over the limit tells */
	char *buf = xmalloc(cap + 1);
	size_t n = fread(buf, 1, cap, f);
	if (n == cap && cap <= max && fgetc(f) != EOF) /* grew meanwhile */
		n = max + 1;
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad || n > max) {
		free(buf);
		cli_refuse(c, "%s: %s", path, bad ? cli_l(c, "读取失败", "cannot read")
					       : cli_l(c, "文件过大", "file too large"));
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
