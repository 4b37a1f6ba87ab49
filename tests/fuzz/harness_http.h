/* harness_http.h: requests through libmicrohttpd in the fuzzer's own
 * process, for the targets that parse what only a live connection gives
 * (query strings, multipart bodies, whole requests).
 *
 * It includes src/http/server.c, so that the targets reach the server's
 * own static request path (on_request, dispatch, unescape_no_nul,
 * on_completed); a target that includes this header is linked without
 * server.o (scripts/fuzz.sh and the Makefile look for its name). The
 * daemon takes no listening socket and runs no thread: each input is
 * written into one end of a socketpair whose other end is handed to
 * MHD_add_connection, and MHD_run is called until the connection has
 * answered and been closed. Single-threaded, so an input does the same
 * thing every time it runs. */
#ifndef QD_TESTS_FUZZ_HARNESS_HTTP_H
#define QD_TESTS_FUZZ_HARNESS_HTTP_H
#include "http/server.c"
#include <arpa/inet.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>

#define FZ_REPLY_MAX (4u << 20) /* bytes of replies kept for the checks */

/* A daemon like the server's (start_listener's options), without a
 * listening socket or a thread, calling handler(cls, ...). */
static struct MHD_Daemon *fz_daemon(MHD_AccessHandlerCallback handler, void *cls)
{
	signal(SIGPIPE, SIG_IGN);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, handler, cls,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape_no_nul, NULL,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024), MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "fuzz: cannot start libmicrohttpd\n");
		abort();
	}
	return d;
}

static unsigned fz_connections(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
	return i ? i->num_connections : 0;
}

/* Send data[0..n) as one client connection and keep what comes back in
 * out (at most FZ_REPLY_MAX bytes): write, run the daemon until it has
 * nothing more to say, close the client's end, run until the daemon has
 * let the connection go (its requests completed and freed). */
static void fz_exchange(struct MHD_Daemon *d, const void *data, size_t n, struct buf *out)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		abort();
	fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
	peer.sin_addr.s_addr = htonl(0x7f000001);
	if (MHD_add_connection(d, sv[1], (const struct sockaddr *)&peer, sizeof peer) != MHD_YES) {
		close(sv[0]);
		return; /* MHD closed sv[1] */
	}
	const char *p = data;
	size_t sent = 0;
	char chunk[16384];
	for (int idle = 0, round = 0; idle < 3 && round < 100000; round++) {
		bool progress = false;
		if (sent < n) {
			ssize_t w = write(sv[0], p + sent, n - sent);
			if (w > 0) {
				sent += (size_t)w;
				progress = true;
			}
		}
		MHD_run(d);
		ssize_t got;
		while ((got = read(sv[0], chunk, sizeof chunk)) > 0) {
			progress = true;
			if (out && out->len < FZ_REPLY_MAX)
				buf_append(out, chunk, (size_t)got);
		}
		if (got == 0)
			break; /* the daemon closed the connection */
		idle = progress || sent < n ? 0 : idle + 1;
	}
	close(sv[0]);
	for (int i = 0; i < 1000 && fz_connections(d) > 0; i++)
		MHD_run(d);
	if (fz_connections(d) > 0) {
		fprintf(stderr, "fuzz: the daemon kept a closed connection\n");
		abort();
	}
}

#endif
