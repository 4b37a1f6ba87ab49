/* server.h: the built-in HTTP server (libmicrohttpd). */
#ifndef QD_HTTP_SERVER_H
#define QD_HTTP_SERVER_H
#include <stdbool.h>
#include "../util/err.h"

struct serve_opts {
	const char *db;       /* database location */
	const char *address;  /* listen address, default 127.0.0.1 */
	int port;             /* default 8080; 0 = any free port */
	int threads;          /* listener threads (each its own daemon and
			       * database connection), default 2 */
	const char *port_file;/* if set, the bound port is written there */
};

/* Serve until SIGINT or SIGTERM. Returns QD_OK on a clean stop; on a start
 * failure fills e and returns its code. */
qd_err http_serve(const struct serve_opts *o, struct qd_error *e);

#endif
