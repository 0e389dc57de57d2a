/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drive tools/avcpu-run like a person at its console: start it on pipes,
 * collect everything it prints ('\r' dropped), wait for text, type, and
 * collect its exit status.  Shared by the guest tests (U-Boot, Linux).
 */
#ifndef AVCPU_VMM_CONSOLE_H
#define AVCPU_VMM_CONSOLE_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct vmm_proc {
	pid_t pid;
	int in;			/* the VMM's stdin */
	int out;		/* its stdout and stderr */
	bool eof;
	size_t len;
	size_t max;
	char *buf;		/* everything it printed */
};

static inline double vmm_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline int vmm_init(struct vmm_proc *v, size_t max)
{
	memset(v, 0, sizeof(*v));
	v->pid = -1;
	v->in = -1;
	v->out = -1;
	v->max = max;
	v->buf = calloc(1, max + 1);
	return v->buf ? 0 : -1;
}

static inline void vmm_fini(struct vmm_proc *v)
{
	if (v->pid > 0) {
		kill(v->pid, SIGKILL);
		waitpid(v->pid, NULL, 0);
	}
	if (v->in >= 0)
		close(v->in);
	if (v->out >= 0)
		close(v->out);
	free(v->buf);
	v->buf = NULL;
}

/* Start `@vmm @args` on pipes; it dies with us whatever happens. */
static inline int vmm_start(struct vmm_proc *v, const char *vmm,
			    const char *args)
{
	int in[2], out[2];
	char cmd[512];

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
		return -1;
	snprintf(cmd, sizeof(cmd), "exec %s %s", vmm, args);
	v->pid = fork();
	if (v->pid < 0)
		return -1;
	if (!v->pid) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		execl("/bin/sh", "sh", "-c", cmd, NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	v->in = in[1];
	v->out = out[0];
	return 0;
}

/* Take in what the VMM printed, for up to 100 ms; false at EOF. */
static inline bool vmm_read(struct vmm_proc *v)
{
	struct pollfd pfd = { .fd = v->out, .events = POLLIN };
	char chunk[4096];
	ssize_t n, i;

	if (v->eof)
		return false;
	if (poll(&pfd, 1, 100) <= 0)
		return true;
	n = read(v->out, chunk, sizeof(chunk));
	if (n < 0 && errno == EINTR)
		return true;
	if (n <= 0) {
		v->eof = true;
		return false;
	}
	for (i = 0; i < n && v->len < v->max; i++) {
		if (chunk[i] != '\r')
			v->buf[v->len++] = chunk[i];
	}
	return true;
}

/*
 * Read output until @want appears at or after @from (true, *@at is
 * where), or until EOF or @secs pass (false).
 */
static inline bool vmm_wait_for(struct vmm_proc *v, const char *want,
				size_t from, double secs, size_t *at)
{
	double end = vmm_now() + secs;
	char *hit;

	for (;;) {
		hit = from <= v->len ? strstr(v->buf + from, want) : NULL;
		if (hit) {
			if (at)
				*at = hit - v->buf;
			return true;
		}
		if (vmm_now() >= end || !vmm_read(v))
			return false;
	}
}

/* Type @s as a terminal would, a byte at a time. */
static inline bool vmm_type(struct vmm_proc *v, const char *s)
{
	for (; *s; s++) {
		if (write(v->in, s, 1) != 1)
			return false;
		usleep(1000);
	}
	return true;
}

/* The VMM's exit status within @secs, or -1. */
static inline int vmm_wait_exit(struct vmm_proc *v, double secs)
{
	double end = vmm_now() + secs;
	int st;

	while (vmm_now() < end && vmm_read(v))
		;
	while (vmm_now() < end) {
		if (waitpid(v->pid, &st, WNOHANG) == v->pid) {
			v->pid = -1;
			return WIFEXITED(st) ? WEXITSTATUS(st) :
			       128 + WTERMSIG(st);
		}
		usleep(10000);
	}
	return -1;
}

/*
 * Run @cmd through the shell to its end, its output (as @cmd redirects
 * it) in @out, NUL-terminated; returns its exit status, or -1 if it
 * could not run or did not exit.
 */
static inline int vmm_run_capture(const char *cmd, char *out, size_t len)
{
	size_t n = 0, got;
	FILE *p;
	int st;

	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (n + 1 < len && (got = fread(out + n, 1, len - 1 - n, p)))
		n += got;
	out[n] = 0;
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif /* AVCPU_VMM_CONSOLE_H */
