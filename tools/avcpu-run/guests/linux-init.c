// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the Linux guest's test initramfs (linux-init.cpio): a static
 * program, no shell.  It mounts /proc and /sys, prints the online CPUs,
 * the kernel release and the uptime, the timer and IPI counts of
 * /proc/interrupts before and after keeping every CPU busy in turn (so
 * that ticks and IPIs happen), asks for a line on the console, echoes it
 * and powers the machine off (PSCI SYSTEM_OFF).  Each line it prints
 * starts with "avcpu-init: ", for selftests/test_linux.c.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <unistd.h>

#define PREFIX		"avcpu-init: "
#define UPTIME_PATH	"/proc/uptime"

static void print_uptime(void)
{
	char buf[64] = "";
	FILE *f = fopen(UPTIME_PATH, "r");

	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
	}
	buf[strcspn(buf, "\t\n ")] = 0;
	printf(PREFIX "uptime %s s\n", buf[0] ? buf : "unknown");
}

/* The interrupts of every CPU on a /proc/interrupts line, summed. */
static unsigned long line_sum(const char *p)
{
	unsigned long sum = 0;
	char *end;

	for (;;) {
		while (*p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			return sum;
		sum += strtoul(p, &end, 10);
		p = end;
	}
}

/*
 * "irqs N timer T ipi I": T the arch_timer line's count, I the IPI
 * lines', over all CPUs; with N 1 the table itself as well.
 */
static void print_interrupts(int n)
{
	unsigned long timer = 0, ipi = 0;
	char line[512], *colon;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f) {
		printf(PREFIX "irqs %d: no /proc/interrupts\n", n);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (n == 1)
			printf(PREFIX "| %s", line);
		colon = strchr(line, ':');
		if (!colon)
			continue;
		if (strstr(line, "arch_timer"))
			timer += line_sum(colon + 1);
		else if (!strncmp(line + strspn(line, " "), "IPI", 3))
			ipi += line_sum(colon + 1);
	}
	fclose(f);
	printf(PREFIX "irqs %d timer %lu ipi %lu\n", n, timer, ipi);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Busy on each CPU in turn: ticks there, IPIs to move us there. */
static void stir(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), i;
	cpu_set_t set;
	double t;

	for (i = 0; i < cpus; i++) {
		CPU_ZERO(&set);
		CPU_SET(i, &set);
		sched_setaffinity(0, sizeof(set), &set);
		t = now();
		while (now() - t < 0.05)
			;
	}
	CPU_ZERO(&set);
	for (i = 0; i < cpus; i++)
		CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

int main(void)
{
	struct utsname u;
	char line[256];

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	setvbuf(stdout, NULL, _IONBF, 0);

	printf(PREFIX "online cpus %ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	if (!uname(&u))
		printf(PREFIX "kernel %s %s\n", u.sysname, u.release);
	print_uptime();
	print_interrupts(1);
	stir();
	print_interrupts(2);

	printf(PREFIX "type a line:\n");
	if (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\r\n")] = 0;
		printf(PREFIX "echo [%s]\n", line);
	} else {
		printf(PREFIX "no input\n");
	}
	print_uptime();
	printf(PREFIX "power off\n");
	sync();
	reboot(RB_POWER_OFF);
	printf(PREFIX "reboot: power off failed\n");
	for (;;)
		pause();
}
