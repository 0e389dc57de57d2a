// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run host unit tests: the KTAP runner and log.c's stand-ins.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#define CASE_TIMEOUT_S		10

char unit_last_error[512];
int unit_nr_errors;
char unit_last_info[512];
int unit_nr_infos;

static bool this_failed;
static char temp_dir[256];
static unsigned int temp_seq;

/*
 * --- log.c's messages ----------------------------------------------
 * Weak: test_log links the real ones.
 */

__weak int error(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(unit_last_error, sizeof(unit_last_error), fmt, ap);
	va_end(ap);
	unit_nr_errors++;
	return status;
}

__weak int ioctl_error(const char *what)
{
	return error(STATUS_IOCTL, "%s: %s", what, strerror(errno));
}

__weak void info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(unit_last_info, sizeof(unit_last_info), fmt, ap);
	va_end(ap);
	unit_nr_infos++;
}

/* --- checks --------------------------------------------------------- */

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	this_failed = true;
	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

bool unit_expect_u64(bool ok, const char *file, int line, const char *a,
		     const char *b, u64 va, u64 vb)
{
	if (!ok)
		unit_fail(file, line, "%s == %s: 0x%llx (%lld) != 0x%llx (%lld)",
			  a, b, va, (long long)va, vb, (long long)vb);
	return ok;
}

bool unit_expect_str(const char *file, int line, const char *a,
		     const char *b, const char *va, const char *vb)
{
	bool ok = va && vb && !strcmp(va, vb);

	if (!ok)
		unit_fail(file, line, "%s == %s: \"%s\" != \"%s\"", a, b,
			  va ? va : "(null)", vb ? vb : "(null)");
	return ok;
}

bool unit_expect_mem(const char *file, int line, const char *a,
		     const char *b, const void *va, const void *vb,
		     size_t len)
{
	const u8 *pa = va, *pb = vb;
	size_t i;

	for (i = 0; i < len; i++) {
		if (pa[i] != pb[i]) {
			unit_fail(file, line,
				  "%s == %s: byte %zu is 0x%02x, not 0x%02x",
				  a, b, i, pa[i], pb[i]);
			return false;
		}
	}
	return true;
}

bool unit_expect_substr(const char *file, int line, const char *hay,
			const char *needle)
{
	bool ok = hay && strstr(hay, needle);

	if (!ok)
		unit_fail(file, line, "\"%s\" does not contain \"%s\"",
			  hay ? hay : "(null)", needle);
	return ok;
}

/* --- temporary files ------------------------------------------------ */

/* Kept here until the case ends, so that no case has to free them. */
static char **temp_paths;

const char *unit_temp_path(const char *name)
{
	char *path, **p;

	p = realloc(temp_paths, (temp_seq + 1) * sizeof(*p));
	if (!p || asprintf(&path, "%s/%u-%s", temp_dir, temp_seq, name) < 0) {
		perror("unit_temp_path");
		exit(1);
	}
	temp_paths = p;
	temp_paths[temp_seq++] = path;
	return path;
}

const char *unit_temp_file(const char *data, size_t len)
{
	const char *path = unit_temp_path("file");
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len || close(fd)) {
		perror(path);
		exit(1);
	}
	return path;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* --- the runner ----------------------------------------------------- */

static void run_case(const struct unit_case *c, int out)
{
	/* stdout and stderr (sanitizer reports) into the parent's pipe. */
	dup2(out, STDOUT_FILENO);
	dup2(out, STDERR_FILENO);
	close(out);
	signal(SIGALRM, SIG_DFL);
	alarm(CASE_TIMEOUT_S);
	this_failed = false;
	c->run();
	fflush(stdout);
	/* exit(), not _exit(): LeakSanitizer checks at exit. */
	exit(this_failed);
}

/* Copy a case's output as KTAP diagnostics: each line starts with "# ". */
static void copy_output(int fd)
{
	bool line_start = true;
	char buf[4096];
	ssize_t n, i;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			if (line_start && (i + 1 >= n || buf[i] != '#' ||
					   buf[i + 1] != ' '))
				fputs("# ", stdout);
			putchar(buf[i]);
			line_start = buf[i] == '\n';
		}
	}
	if (!line_start)
		putchar('\n');
}

/* Fork, run case @c in the child; its exit status. */
static int fork_case(const struct unit_case *c)
{
	int pipefd[2], st;
	pid_t pid;

	fflush(stdout);
	if (pipe(pipefd)) {
		perror("pipe");
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (!pid) {
		close(pipefd[0]);
		run_case(c, pipefd[1]);
	}
	close(pipefd[1]);
	copy_output(pipefd[0]);
	close(pipefd[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return st;
}

int unit_main(const char *suite, void (*setup)(void),
	      const struct unit_case *cases, size_t nr_cases)
{
	unsigned int passed = 0, failed = 0;
	size_t i;
	int st;

	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(temp_dir, sizeof(temp_dir), "%s/avcpu-unit.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(temp_dir)) {
		perror(temp_dir);
		return 1;
	}
	printf("KTAP version 1\n");
	printf("# %s: avcpu-run's %s.c on the host\n", suite, suite);
	printf("1..%zu\n", nr_cases);
	if (setup)
		setup();
	for (i = 0; i < nr_cases; i++) {
		st = fork_case(&cases[i]);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
			printf("ok %zu %s\n", i + 1, cases[i].name);
			passed++;
			continue;
		}
		if (WIFSIGNALED(st))
			printf("# %s: killed by signal %d (%s)\n", cases[i].name,
			       WTERMSIG(st), strsignal(WTERMSIG(st)));
		else if (WEXITSTATUS(st) != 1)
			printf("# %s: exit status %d\n", cases[i].name,
			       WEXITSTATUS(st));
		printf("not ok %zu %s\n", i + 1, cases[i].name);
		failed++;
	}
	nftw(temp_dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	printf("# %s: %u passed, %u failed\n", suite, passed, failed);
	return failed ? 1 : 0;
}
