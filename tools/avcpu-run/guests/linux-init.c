// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the Linux guest's test initramfs (linux-init.cpio): a static
 * program, no shell.  It mounts /proc and /sys, prints the online CPUs,
 * the kernel release and the uptime, asks for a line on the console,
 * echoes it and powers the machine off (PSCI SYSTEM_OFF).  Each line it
 * prints starts with "avcpu-init: ", for selftests/test_linux.c.
 */
#include <stdio.h>
#include <string.h>
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
