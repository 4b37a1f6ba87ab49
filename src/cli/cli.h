/* cli.h: the command-line interface: argument parsing shared by the
 * commands, error printing, and the commands themselves (one file each).
 *
 * A command line is words (the command and its subcommand) and options
 * ("--name value" or "--name=value"), in any order. Options that take no
 * value are "flags" (--help, --force). The database is always --db PATH,
 * else $QINGDAN_DB, else ./qingdan.db.
 *
 * Exit status: 0 success, 1 an operation refused or failed, 2 bad usage. */
#ifndef QD_CLI_H
#define QD_CLI_H
#include <stdbool.h>
#include <stdint.h>
#include "../app/app.h"

#define CLI_OK 0
#define CLI_FAIL 1
#define CLI_USAGE 2

#define CLI_MAX_WORDS 8
#define CLI_MAX_OPTS 32

#define CLI_OPT_NAME 32

struct cli_opt {
	char name[CLI_OPT_NAME]; /* without the dashes */
	const char *value;  /* NULL for a flag */
	bool used;          /* claimed by the command's spec */
};

struct cli {
	const char *words[CLI_MAX_WORDS];
	int nwords;
	struct cli_opt opts[CLI_MAX_OPTS];
	int nopts;
	bool help;          /* --help or -h anywhere */
	const char *db;     /* --db, $QINGDAN_DB or "qingdan.db" */
	const char *lang;   /* "en" or "zh", from $QINGDAN_LANG or $LANG */
};

/* Split argv into words and options. On bad usage prints the reason and
 * returns CLI_USAGE. */
int cli_parse(struct cli *c, int argc, char **argv);

/* What a command accepts. */
enum opt_kind {
	OPT_TEXT,   /* const char ** */
	OPT_FLAG,   /* bool * */
	OPT_ID,     /* int64_t *, a positive integer */
	OPT_INT,    /* int *, within [min, max] */
	OPT_DAY,    /* int *, YYYY-MM-DD */
};
struct opt_spec {
	const char *name;
	enum opt_kind kind;
	bool required;
	void *out;
	int min, max;       /* OPT_INT only */
};
/* Fill the outputs of spec (terminated by a {NULL}) from c's options and
 * refuse options that are not in spec (--db and --help are always
 * accepted). Returns CLI_OK, or prints why and returns CLI_USAGE. */
int cli_options(struct cli *c, const struct opt_spec *spec, const char *cmd);

/* Refuse words beyond the first n (the command and its subcommand). */
int cli_words(const struct cli *c, int n, const char *cmd);

/* The text in c's language. */
const char *cli_l(const struct cli *c, const char *zh, const char *en);
/* Print "qingdan: <message>" for an operation that failed; returns CLI_FAIL. */
int cli_fail(const struct cli *c, const struct qd_error *e);
/* Print "qingdan: <text>" and a hint to --help; returns CLI_USAGE. */
int cli_usage_error(const struct cli *c, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Print "qingdan: <text>"; returns CLI_FAIL. */
int cli_refuse(const struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print a help text to stdout; returns CLI_OK. */
int cli_help(const char *text);

/* Open c->db (it must exist); on failure prints why and returns CLI_FAIL. */
int cli_open(const struct cli *c, struct app *a);
/* A password from --password or $QINGDAN_PASSWORD, or NULL. */
const char *cli_password(const char *opt);
/* Run fn(a, ctx, e) inside one transaction: all of it or nothing. */
qd_err cli_atomically(struct app *a, qd_err (*fn)(struct app *a, void *ctx, struct qd_error *e),
		      void *ctx, struct qd_error *e);

/* Set a deployment setting (with its audit event). */
qd_err cli_setting_set(struct app *a, const char *key, const char *value, struct qd_error *e);

/* The commands. */
int cmd_init(struct cli *c);
int cmd_serve(struct cli *c);
int cmd_user(struct cli *c);
int cmd_unit(struct cli *c);
int cmd_stats(struct cli *c);
int cmd_check(struct cli *c);
int cmd_calendar(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_gen(struct cli *c);
int cmd_rates(struct cli *c);
int cmd_open311(struct cli *c);
int cmd_report(struct cli *c);
int cmd_export(struct cli *c);
int cmd_import(struct cli *c);
int cmd_backup(struct cli *c);
int cmd_restore(struct cli *c);
int cmd_permissions(struct cli *c);

/* The whole of a file (at most max bytes), NUL-terminated; NULL with a
 * message printed on failure. */
char *cli_read_file(const struct cli *c, const char *path, size_t max, size_t *len);

#endif
