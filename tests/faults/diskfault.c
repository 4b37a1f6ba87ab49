/* diskfault.c: a disk that fills up or fails, for tests, without root.
 *
 * An LD_PRELOAD shim: it interposes the calls through which SQLite writes
 * and syncs (write, pwrite, pwrite64, fsync, fdatasync, ftruncate,
 * fallocate) and, for file descriptors whose path (readlink of
 * /proc/self/fd/N) starts with $DISKFAULT_PREFIX, fails them as the control
 * file $DISKFAULT_CONTROL says. The file is read at every such call, so a
 * test switches the disk's state while the process runs:
 *
 *   ok        everything passes through
 *   full      a write that would make a file longer fails with ENOSPC, and
 *             so does fallocate; writes inside a file's size, truncation
 *             and syncs succeed (a full disk: blocks a file has are kept)
 *   eio       every write, sync, truncation and allocation fails with EIO
 *   synceio   only fsync and fdatasync fail with EIO (writes reach the page
 *             cache, the disk then reports an error)
 *
 * A missing or unreadable control file means "ok". Each refused call is
 * counted in $DISKFAULT_CONTROL.hits (one byte appended per call, written
 * with the real write), so a test can see that the fault was hit.
 *
 * Build: cc -shared -fPIC -o diskfault.so diskfault.c -ldl
 * Under AddressSanitizer add ASAN_OPTIONS=verify_asan_link_order=0: the
 * shim then comes before the sanitizer's runtime, and calls on to it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

enum mode { M_OK, M_FULL, M_EIO, M_SYNCEIO };

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*pwrite64_fn)(int, const void *, size_t, off64_t);
typedef int (*sync_fn)(int);
typedef int (*ftruncate_fn)(int, off_t);
typedef int (*fallocate_fn)(int, int, off_t, off_t);

static void *next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f) {
		static const char msg[] = "diskfault: a libc function is missing\n";
		/* not through write(): that would call back into us */
		syscall(SYS_write, 2, msg, sizeof msg - 1);
		abort();
	}
	return f;
}

static enum mode mode_now(void)
{
	const char *ctl = getenv("DISKFAULT_CONTROL");
	if (!ctl || !*ctl)
		return M_OK;
	int fd = open(ctl, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return M_OK;
	char b[16] = "";
	ssize_t n = read(fd, b, sizeof b - 1);
	close(fd);
	if (n <= 0)
		return M_OK;
	b[n] = '\0';
	if (strncmp(b, "full", 4) == 0)
		return M_FULL;
	if (strncmp(b, "eio", 3) == 0)
		return M_EIO;
	if (strncmp(b, "synceio", 7) == 0)
		return M_SYNCEIO;
	return M_OK;
}

/* Whether fd is a file under the prefix. */
static int watched(int fd)
{
	const char *prefix = getenv("DISKFAULT_PREFIX");
	if (!prefix || !*prefix || fd < 0)
		return 0;
	char link[64], path[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	return strncmp(path, prefix, strlen(prefix)) == 0;
}

static void count_hit(void)
{
	const char *ctl = getenv("DISKFAULT_CONTROL");
	char hits[4096];
	if (!ctl || snprintf(hits, sizeof hits, "%s.hits", ctl) >= (int)sizeof hits)
		return;
	int fd = open(hits, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	static write_fn real_write;
	if (!real_write)
		real_write = (write_fn)next("write");
	if (real_write(fd, "x", 1) < 0) {
		/* nothing to do: the count is only a diagnostic */
	}
	close(fd);
}

/* The fault for a write of n bytes at offset off (-1: the file position)
 * to fd, or 0 to let it through. */
static int write_fault(int fd, size_t n, off_t off)
{
	if (!watched(fd))
		return 0;
	enum mode m = mode_now();
	if (m == M_EIO)
		return EIO;
	if (m != M_FULL)
		return 0;
	struct stat sb;
	if (fstat(fd, &sb) != 0)
		return 0;
	if (off < 0)
		off = lseek(fd, 0, SEEK_CUR);
	if (off < 0)
		return 0;
	return (off_t)(off + (off_t)n) > sb.st_size ? ENOSPC : 0;
}

static int fail(int err)
{
	count_hit();
	errno = err;
	return -1;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static write_fn real;
	if (!real)
		real = (write_fn)next("write");
	int err = write_fault(fd, n, -1);
	return err ? fail(err) : real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static pwrite_fn real;
	if (!real)
		real = (pwrite_fn)next("pwrite");
	int err = write_fault(fd, n, off);
	return err ? fail(err) : real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	static pwrite64_fn real;
	if (!real)
		real = (pwrite64_fn)next("pwrite64");
	int err = write_fault(fd, n, (off_t)off);
	return err ? fail(err) : real(fd, buf, n, off);
}

static int sync_fault(int fd)
{
	if (!watched(fd))
		return 0;
	enum mode m = mode_now();
	return m == M_EIO || m == M_SYNCEIO ? EIO : 0;
}

int fsync(int fd)
{
	static sync_fn real;
	if (!real)
		real = (sync_fn)next("fsync");
	int err = sync_fault(fd);
	return err ? fail(err) : real(fd);
}

int fdatasync(int fd)
{
	static sync_fn real;
	if (!real)
		real = (sync_fn)next("fdatasync");
	int err = sync_fault(fd);
	return err ? fail(err) : real(fd);
}

int ftruncate(int fd, off_t len)
{
	static ftruncate_fn real;
	if (!real)
		real = (ftruncate_fn)next("ftruncate");
	int err = watched(fd) && mode_now() == M_EIO ? EIO : 0;
	return err ? fail(err) : real(fd, len);
}

int ftruncate64(int fd, off64_t len)
{
	static ftruncate_fn real;
	if (!real)
		real = (ftruncate_fn)next("ftruncate64");
	int err = watched(fd) && mode_now() == M_EIO ? EIO : 0;
	return err ? fail(err) : real(fd, (off_t)len);
}

static int allocate_fault(int fd, off_t off, off_t len)
{
	if (!watched(fd))
		return 0;
	enum mode m = mode_now();
	if (m == M_EIO)
		return EIO;
	struct stat sb;
	if (m == M_FULL && fstat(fd, &sb) == 0 && off + len > sb.st_size)
		return ENOSPC;
	return 0;
}

int fallocate(int fd, int mode, off_t off, off_t len)
{
	static fallocate_fn real;
	if (!real)
		real = (fallocate_fn)next("fallocate");
	int err = allocate_fault(fd, off, len);
	return err ? fail(err) : real(fd, mode, off, len);
}

int fallocate64(int fd, int mode, off64_t off, off64_t len)
{
	static fallocate_fn real;
	if (!real)
		real = (fallocate_fn)next("fallocate64");
	int err = allocate_fault(fd, (off_t)off, (off_t)len);
	return err ? fail(err) : real(fd, mode, (off_t)off, (off_t)len);
}

/* posix_fallocate returns the error instead of setting errno. */
int posix_fallocate(int fd, off_t off, off_t len)
{
	typedef int (*pfa_fn)(int, off_t, off_t);
	static pfa_fn real;
	if (!real)
		real = (pfa_fn)next("posix_fallocate");
	int err = allocate_fault(fd, off, len);
	if (err) {
		count_hit();
		return err;
	}
	return real(fd, off, len);
}

int posix_fallocate64(int fd, off64_t off, off64_t len)
{
	typedef int (*pfa_fn)(int, off64_t, off64_t);
	static pfa_fn real;
	if (!real)
		real = (pfa_fn)next("posix_fallocate64");
	int err = allocate_fault(fd, (off_t)off, (off_t)len);
	if (err) {
		count_hit();
		return err;
	}
	return real(fd, off, len);
}
