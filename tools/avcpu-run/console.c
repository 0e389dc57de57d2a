// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the host side of the serial console, stdin and stdout.
 *
 * Output goes to stdout a byte at a time, as the guest writes it.
 *
 * Input comes from stdin through a reader thread into a small buffer that
 * the UART model takes bytes from without ever blocking a vCPU.  The
 * thread reads only while the buffer has room, so a guest that does not
 * read leaves the rest of the input where it is.  End of file (a pipe
 * whose writer closed it, /dev/null) means that no more input comes.
 *
 * A terminal on stdin is put in raw mode for as long as the VMM runs:
 * bytes go to the guest one by one, without echo or line editing, and
 * output processing is left as it was.  ISIG stays on for Ctrl-C alone,
 * which stops the VMM (status 130) like SIGINT; the quit and suspend keys
 * are switched off.  The terminal's settings are restored on every way
 * out: return from main(), exit(), and the signals that would end the
 * process with it still raw.  A terminal whose foreground process group
 * is not ours (the VMM runs in the background) is neither read nor
 * changed, so a background run never stops on SIGTTIN or SIGTTOU.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "log.h"

#define CONSOLE_BUF_SIZE	32	/* the depth of a PL011 receive FIFO */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t room = PTHREAD_COND_INITIALIZER;
static u8 buf[CONSOLE_BUF_SIZE];
static unsigned int head;		/* next byte to take */
static unsigned int count;		/* bytes in buf */

static void (*notify)(void);	/* new input: the UART's callback */

static struct termios saved_termios;
static int termios_changed;	/* atomic: signal handlers read it */

/* Signals whose default action ends the process with the terminal raw. */
static const int fatal_signals[] = {
	SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV,
	SIGPIPE, SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGSYS,
};

/* Async-signal-safe: called from signal handlers too. */
static void console_restore(void)
{
	if (__atomic_exchange_n(&termios_changed, 0, __ATOMIC_SEQ_CST))
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static void fatal_signal(int sig)
{
	int saved_errno = errno;

	console_restore();
	/* SA_RESETHAND put back the default action: take it. */
	errno = saved_errno;
	raise(sig);
}

static int console_raw(void)
{
	struct termios raw;
	struct sigaction sa;
	size_t i;

	if (tcgetattr(STDIN_FILENO, &saved_termios))
		return error(STATUS_SETUP, "stdin: tcgetattr: %s",
			     strerror(errno));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fatal_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
		struct sigaction old;

		/* Ignored (nohup) stays ignored. */
		if (!sigaction(fatal_signals[i], NULL, &old) &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal_signals[i], &sa, NULL);
	}
	if (atexit(console_restore))
		return error(STATUS_SETUP, "atexit failed");

	raw = saved_termios;
	raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
			 ICRNL | IXON | IXOFF);
	raw.c_lflag &= ~(ICANON | ECHO | ECHONL | IEXTEN);
	raw.c_lflag |= ISIG;
	raw.c_cc[VQUIT] = _POSIX_VDISABLE;
	raw.c_cc[VSUSP] = _POSIX_VDISABLE;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	__atomic_store_n(&termios_changed, 1, __ATOMIC_SEQ_CST);
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw)) {
		__atomic_store_n(&termios_changed, 0, __ATOMIC_SEQ_CST);
		return error(STATUS_SETUP, "stdin: tcsetattr: %s",
			     strerror(errno));
	}
	return 0;
}

static void *console_reader(void *arg)
{
	u8 in[CONSOLE_BUF_SIZE];
	unsigned int space, i;
	ssize_t n;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (count == CONSOLE_BUF_SIZE)
			pthread_cond_wait(&room, &lock);
		space = CONSOLE_BUF_SIZE - count;
		pthread_mutex_unlock(&lock);

		n = read(STDIN_FILENO, in, space);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;	/* end of input */

		/* Only this thread adds bytes: there is room for all n. */
		pthread_mutex_lock(&lock);
		for (i = 0; i < (unsigned int)n; i++)
			buf[(head + count++) % CONSOLE_BUF_SIZE] = in[i];
		pthread_mutex_unlock(&lock);
		/* Not under our lock: the UART's takes it. */
		if (notify)
			notify();
	}
}

void console_set_notify(void (*input_ready)(void))
{
	notify = input_ready;
}

/*
 * Start reading stdin.  Called once, before the vCPUs run; the reader
 * thread blocks every signal it can, so none is taken there instead of
 * where vcpu.c expects it.
 */
int console_init(void)
{
	sigset_t all, old;
	pthread_t thread;
	pid_t fg;
	int err;

	if (isatty(STDIN_FILENO)) {
		/* ENOTTY: not our controlling terminal, no job control. */
		fg = tcgetpgrp(STDIN_FILENO);
		if (fg >= 0 && fg != getpgrp())
			return 0;	/* no input */
		err = console_raw();
		if (err)
			return err;
	}

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&thread, NULL, console_reader, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return error(STATUS_SETUP, "cannot start the stdin reader: %s",
			     strerror(err));
	pthread_detach(thread);
	return 0;
}

/* Put the terminal back as it was; also done at exit. */
void console_exit(void)
{
	console_restore();
}

/* Bytes waiting to be read by the guest, 0..CONSOLE_BUF_SIZE. */
unsigned int console_pending(void)
{
	unsigned int n;

	pthread_mutex_lock(&lock);
	n = count;
	pthread_mutex_unlock(&lock);
	return n;
}

/* The next input byte, or -1 when there is none (yet, or any more). */
int console_getc(void)
{
	int c = -1;

	pthread_mutex_lock(&lock);
	if (count) {
		c = buf[head];
		head = (head + 1) % CONSOLE_BUF_SIZE;
		if (count-- == CONSOLE_BUF_SIZE)
			pthread_cond_signal(&room);
	}
	pthread_mutex_unlock(&lock);
	return c;
}

void console_putc(u8 c)
{
	/* Output errors (a closed pipe aside, which kills us) are dropped. */
	while (write(STDOUT_FILENO, &c, 1) < 0 && errno == EINTR)
		;
}
