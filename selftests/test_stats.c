// SPDX-License-Identifier: GPL-2.0
/*
 * Stats fds (AVCPU_GET_STATS_FD on VM and vCPU fds): the binary layout
 * (header, id, descriptors, data, as KVM's), exact counts after guests
 * whose exits are known, the fds' lifetime, and tools/avcpu-stat reading
 * a running VMM from outside.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "lib/known_guest.h"

#define AVCPU_STAT	"/avcpu-run/avcpu-stat"
#define MAX_STATS	64

struct stats {
	struct avcpu_stats_header h;
	char id[AVCPU_STATS_NAME_SIZE];
	unsigned int n;
	char name[MAX_STATS][AVCPU_STATS_NAME_SIZE];
	struct avcpu_stats_desc desc[MAX_STATS];
	__u64 val[MAX_STATS];
};

static size_t desc_size(const struct stats *s)
{
	return sizeof(struct avcpu_stats_desc) + s->h.name_size;
}

/* Read a whole stats fd with pread; 0 or a description of the fault. */
static const char *read_stats(int fd, struct stats *s)
{
	char buf[sizeof(struct avcpu_stats_desc) + 256];
	unsigned int i;

	memset(s, 0, sizeof(*s));
	if (pread(fd, &s->h, sizeof(s->h), 0) != sizeof(s->h))
		return "short header";
	if (s->h.name_size != AVCPU_STATS_NAME_SIZE || s->h.num_desc == 0 ||
	    s->h.num_desc > MAX_STATS)
		return "header: name_size or num_desc";
	if (pread(fd, s->id, sizeof(s->id), s->h.id_offset) != sizeof(s->id))
		return "short id";
	s->n = s->h.num_desc;
	for (i = 0; i < s->n; i++) {
		if (pread(fd, buf, desc_size(s), s->h.desc_offset +
			  i * desc_size(s)) != (ssize_t)desc_size(s))
			return "short descriptor";
		memcpy(&s->desc[i], buf, sizeof(s->desc[i]));
		memcpy(s->name[i], buf + sizeof(s->desc[i]), s->h.name_size);
		if (s->desc[i].size != 1)
			return "descriptor size != 1";
		if (pread(fd, &s->val[i], 8, s->h.data_offset +
			  s->desc[i].offset) != 8)
			return "short data";
	}
	return NULL;
}

/* The value of counter @name, or ~0 if there is none. */
static __u64 stat_val(const struct stats *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->val[i];
	return ~0ULL;
}

/* The flags of counter @name, or ~0 if there is none. */
static __u32 stat_flags(const struct stats *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->desc[i].flags;
	return ~0U;
}

static void dump_stats(const struct stats *s)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		fprintf(stderr, "#   %s %s = %llu\n", s->id, s->name[i],
			(unsigned long long)s->val[i]);
}

static int stats_fd(int fd)
{
	return ioctl(fd, AVCPU_GET_STATS_FD, 0);
}

/* Header, id, descriptors: what KVM's layout promises, for both fds. */
TEST(layout)
{
	struct avcpu_guest g;
	struct stats s;
	const char *err;
	char want[64], c;
	int fds[2], k;
	unsigned int i, j;
	__u32 type, unit, base;

	ASSERT_EQ(0, avcpu_guest_create(&g, KG_RAM_SIZE, g_known_start,
					g_known_end));
	fds[0] = stats_fd(g.vm);
	ASSERT_LE(0, fds[0]) TH_LOG("VM: %s", strerror(errno));
	fds[1] = stats_fd(g.vcpu);
	ASSERT_LE(0, fds[1]) TH_LOG("vCPU: %s", strerror(errno));
	for (k = 0; k < 2; k++) {
		err = read_stats(fds[k], &s);
		ASSERT_EQ(NULL, err) TH_LOG("%s", err);
		ASSERT_EQ(0, s.h.flags);
		ASSERT_EQ(sizeof(s.h), s.h.id_offset);
		ASSERT_EQ(s.h.id_offset + s.h.name_size, s.h.desc_offset);
		ASSERT_EQ(s.h.desc_offset + s.n * desc_size(&s),
			  s.h.data_offset);
		if (k == 0)
			snprintf(want, sizeof(want), "avcpu-%d", getpid());
		else
			snprintf(want, sizeof(want), "avcpu-%d/vcpu-0",
				 getpid());
		ASSERT_STREQ(want, s.id);
		for (i = 0; i < s.n; i++) {
			type = s.desc[i].flags & AVCPU_STATS_TYPE_MASK;
			unit = s.desc[i].flags & AVCPU_STATS_UNIT_MASK;
			base = s.desc[i].flags & AVCPU_STATS_BASE_MASK;
			ASSERT_LE(type, AVCPU_STATS_TYPE_MAX);
			ASSERT_LE(unit, AVCPU_STATS_UNIT_MAX);
			ASSERT_LE(base, AVCPU_STATS_BASE_MAX);
			ASSERT_EQ(0, s.desc[i].flags &
				  ~(AVCPU_STATS_TYPE_MASK |
				    AVCPU_STATS_UNIT_MASK |
				    AVCPU_STATS_BASE_MASK));
			ASSERT_EQ(0, s.desc[i].exponent);
			ASSERT_EQ(0, s.desc[i].bucket_size);
			ASSERT_EQ(0, s.desc[i].offset % 8);
			ASSERT_LT(s.desc[i].offset, s.n * 8);
			ASSERT_NE(0, s.name[i][0]);
			ASSERT_NE(NULL, memchr(s.name[i], 0, s.h.name_size));
			for (j = 0; j < i; j++)
				ASSERT_NE(0, strcmp(s.name[i], s.name[j]));
		}
		/* The file ends after the data; read() walks it too. */
		ASSERT_EQ(0, pread(fds[k], &c, 1, s.h.data_offset + s.n * 8));
		ASSERT_EQ(sizeof(s.h), read(fds[k], &s.h, sizeof(s.h)));
		ASSERT_EQ(s.h.name_size, read(fds[k], want,
					      s.h.name_size > sizeof(want) ?
					      sizeof(want) : s.h.name_size));
		/* Read-only. */
		ASSERT_EQ(-1, write(fds[k], "x", 1));
		ASSERT_EQ(EBADF, errno);
	}
	/* Both kinds name their counters as documented. */
	ASSERT_EQ(NULL, read_stats(fds[1], &s));
	ASSERT_EQ(0, stat_val(&s, "exits"));
	ASSERT_EQ(0, stat_val(&s, "mmio_writes"));
	ASSERT_EQ(AVCPU_STATS_TYPE_CUMULATIVE | AVCPU_STATS_UNIT_BYTES |
		  AVCPU_STATS_BASE_POW2, stat_flags(&s, "s2_mapped_bytes"));
	ASSERT_EQ(AVCPU_STATS_TYPE_CUMULATIVE, stat_flags(&s, "exits"));
	ASSERT_EQ(NULL, read_stats(fds[0], &s));
	ASSERT_EQ(AVCPU_STATS_TYPE_INSTANT, stat_flags(&s, "vcpus"));
	ASSERT_EQ(1, stat_val(&s, "vcpus"));
	ASSERT_EQ(1, stat_val(&s, "memslots"));
	ASSERT_EQ(KG_RAM_SIZE, stat_val(&s, "memslot_bytes"));
	ASSERT_NE(0, stat_val(&s, "vmid"));
	ASSERT_NE(~0ULL, stat_val(&s, "vmid"));
	close(fds[0]);
	close(fds[1]);
	avcpu_guest_destroy(&g);
}

/* The argument is reserved; the system handle has no stats. */
TEST(bad_calls)
{
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, KG_RAM_SIZE, g_known_start,
					g_known_end));
	ASSERT_EQ(-1, ioctl(g.vm, AVCPU_GET_STATS_FD, 1));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, ioctl(g.vcpu, AVCPU_GET_STATS_FD, 8));
	ASSERT_EQ(EINVAL, errno);
	ASSERT_EQ(-1, ioctl(g.sys, AVCPU_GET_STATS_FD, 0));
	ASSERT_EQ(ENOTTY, errno);
	avcpu_guest_destroy(&g);
}

static int caps_have_stats(void)
{
	struct avcpu_caps caps;
	int fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC), ret = 0;

	if (fd >= 0 && !ioctl(fd, AVCPU_GET_CAPS, &caps))
		ret = !!(caps.features & AVCPU_FEAT_STATS_FD);
	if (fd >= 0)
		close(fd);
	return ret;
}

TEST(feature_bit)
{
	ASSERT_EQ(1, caps_have_stats());
}

/*
 * The known guest, counted exactly; the fds outlive the VM and vCPU fds
 * and still show the final counts.
 */
TEST(known_guest_counts)
{
	struct avcpu_guest g;
	struct stats v, m;
	const char *err;
	int vfd, mfd;

	ASSERT_EQ(0, avcpu_guest_create(&g, KG_RAM_SIZE, g_known_start,
					g_known_end));
	vfd = stats_fd(g.vcpu);
	mfd = stats_fd(g.vm);
	ASSERT_LE(0, vfd);
	ASSERT_LE(0, mfd);
	err = kg_run(&g);
	ASSERT_EQ(NULL, err) TH_LOG("%s", err);
	avcpu_guest_destroy(&g);

	ASSERT_EQ(NULL, read_stats(vfd, &v));
	ASSERT_EQ(NULL, read_stats(mfd, &m));
	dump_stats(&v);
	dump_stats(&m);
	EXPECT_EQ(1, stat_val(&v, "exit_iabt"));
	EXPECT_EQ(3, stat_val(&v, "exit_dabt"));
	EXPECT_EQ(2, stat_val(&v, "exit_sysreg"));
	EXPECT_EQ(1, stat_val(&v, "exit_wfx"));
	EXPECT_EQ(1, stat_val(&v, "exit_hvc"));
	EXPECT_EQ(0, stat_val(&v, "exit_smc"));
	EXPECT_EQ(0, stat_val(&v, "exit_fp"));
	EXPECT_EQ(0, stat_val(&v, "exit_other"));
	EXPECT_EQ(0, stat_val(&v, "exit_serror"));
	/* Host interrupts may come on top of the 8 synchronous exits. */
	EXPECT_EQ(KG_SYNC_EXITS + stat_val(&v, "exit_irq"),
		  stat_val(&v, "exits"));
	EXPECT_EQ(KG_VMM_EXITS, stat_val(&v, "user_exits"));
	EXPECT_EQ(0, stat_val(&v, "signal_exits"));
	EXPECT_EQ(1, stat_val(&v, "mmio_reads"));
	EXPECT_EQ(2, stat_val(&v, "mmio_writes"));
	EXPECT_EQ(1, stat_val(&v, "hypercalls"));
	EXPECT_EQ(1, stat_val(&v, "hypercall_exits"));
	EXPECT_EQ(1, stat_val(&v, "sysreg_exits"));
	EXPECT_EQ(1, stat_val(&v, "wfi_sleeps"));
	EXPECT_EQ(1, stat_val(&v, "wfi_wakeups"));
	/*
	 * One fault, at the entry point.  The VMM wrote only the code's
	 * page; the rest of the unpinned slot does not exist in the host
	 * yet, so the fault maps that page alone.
	 */
	EXPECT_EQ(1, stat_val(&v, "s2_faults"));
	EXPECT_EQ(getpagesize(), stat_val(&v, "s2_mapped_bytes"));
	EXPECT_EQ(1, stat_val(&v, "irq_line_changes"));
	EXPECT_EQ(1, stat_val(&v, "irq_injections"));
	EXPECT_EQ(0, stat_val(&v, "irq_level_exits"));

	EXPECT_EQ(1, stat_val(&m, "s2_faults"));
	EXPECT_EQ(getpagesize(), stat_val(&m, "s2_mapped_bytes"));
	/* The vCPU's fd is closed, but its stats fd holds it: attached. */
	EXPECT_EQ(1, stat_val(&m, "vcpus"));
	EXPECT_EQ(1, stat_val(&m, "memslots"));
	close(vfd);
	ASSERT_EQ(NULL, read_stats(mfd, &m));
	EXPECT_EQ(0, stat_val(&m, "vcpus"));
	close(mfd);
}

#define LOOP_MMIO	100
#define LOOP_CALLS	50

/*
 * LOOP_MMIO writes of the counter to MMIO, then LOOP_CALLS calls of a
 * function the filter denies (answered in the kernel), then HVC #1.
 */
AVCPU_GUEST(g_loop,
	"	movz	x1, #0x0900, lsl #16\n"
	"	mov	x2, #0\n"
	"1:	str	x2, [x1]\n"
	"	add	x2, x2, #1\n"
	"	cmp	x2, #" "100" "\n"
	"	b.ne	1b\n"
	"	mov	x2, #0\n"
	"2:	movz	x0, #0xc200, lsl #16\n"
	"	movk	x0, #0x10\n"
	"	hvc	#0\n"
	"	add	x2, x2, #1\n"
	"	cmp	x2, #" "50" "\n"
	"	b.ne	2b\n"
	"	hvc	#1\n"
	"	b	.\n");

TEST(loop_counts)
{
	struct avcpu_smccc_filter f = {
		.base = 0xc2000000, .nr_functions = 0x100,
		.action = AVCPU_SMCCC_DENY,
	};
	struct avcpu_guest g;
	struct stats v;
	int vfd, i;

	ASSERT_EQ(0, avcpu_guest_create(&g, KG_RAM_SIZE, g_loop_start,
					g_loop_end));
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_SMCCC_FILTER, &f));
	vfd = stats_fd(g.vcpu);
	ASSERT_LE(0, vfd);
	for (i = 0; i < LOOP_MMIO; i++) {
		ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
		ASSERT_EQ(AVCPU_EXIT_MMIO, g.run->exit_reason);
		ASSERT_EQ(1, g.run->mmio.is_write);
		ASSERT_EQ(i, g.run->mmio.data[0]);
	}
	/* Live: the counters as of the last exit. */
	ASSERT_EQ(NULL, read_stats(vfd, &v));
	EXPECT_EQ(LOOP_MMIO, stat_val(&v, "mmio_writes"));
	EXPECT_EQ(LOOP_MMIO, stat_val(&v, "user_exits"));
	ASSERT_EQ(0, avcpu_run_fd(g.vcpu, g.run));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	ASSERT_EQ(NULL, read_stats(vfd, &v));
	EXPECT_EQ(LOOP_MMIO, stat_val(&v, "mmio_writes"));
	EXPECT_EQ(0, stat_val(&v, "mmio_reads"));
	EXPECT_EQ(LOOP_CALLS + 1, stat_val(&v, "hypercalls"));
	EXPECT_EQ(LOOP_CALLS + 1, stat_val(&v, "exit_hvc"));
	EXPECT_EQ(1, stat_val(&v, "hypercall_exits"));
	EXPECT_EQ(LOOP_MMIO, stat_val(&v, "exit_dabt"));
	EXPECT_EQ(LOOP_MMIO + 1, stat_val(&v, "user_exits"));
	EXPECT_EQ(1, stat_val(&v, "s2_faults"));
	close(vfd);
	avcpu_guest_destroy(&g);
}

/*
 * A VMM for avcpu-stat to watch: the loop guest's MMIO writes, run
 * again and again until killed.
 */
static void busy_vmm(int ready)
{
	struct avcpu_guest g;

	if (avcpu_guest_create(&g, KG_RAM_SIZE, g_loop_start, g_loop_end))
		_exit(2);
	if (write(ready, "r", 1) != 1)
		_exit(3);
	for (;;) {
		if (avcpu_run_fd(g.vcpu, g.run))
			_exit(4);
		if (g.run->exit_reason == AVCPU_EXIT_HYPERCALL &&
		    avcpu_set_reg(g.vcpu, AVCPU_REG_PC, g.entry))
			_exit(5);
	}
}

/* The busy VMM, started and running: its pid. */
static pid_t start_busy_vmm(void)
{
	char c;
	int p[2];
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		close(p[0]);
		busy_vmm(p[1]);
	}
	close(p[1]);
	if (pid > 0 && read(p[0], &c, 1) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(p[0]);
	return pid;
}

/* avcpu-stat --once on a running VMM prints every counter, nonzero ones. */
TEST(avcpu_stat_once)
{
	static const char * const names[] = {
		"exits", "exit_dabt", "mmio_writes", "user_exits",
		"s2_faults", "s2_mapped_bytes", "vcpus", "memslots",
		"memslot_bytes",
	};
	static char out[16384];
	char cmd[128], line[256], name[128];
	unsigned long long val;
	size_t len;
	int st, bad, found[ARRAY_SIZE(names)] = { 0 };
	unsigned int i;
	pid_t pid;
	FILE *f;

	if (access(AVCPU_STAT, X_OK))
		SKIP(return, "%s not installed here", AVCPU_STAT);
	pid = start_busy_vmm();
	ASSERT_LT(0, pid);
	usleep(200000);

	snprintf(cmd, sizeof(cmd), "%s --once %d 2>&1", AVCPU_STAT, pid);
	f = popen(cmd, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		len = strlen(out);
		snprintf(out + len, sizeof(out) - len, "%s", line);
		/* "NAME VALUE" lines; vCPU counters summed over vCPUs */
		if (sscanf(line, "%127s %llu", name, &val) != 2)
			continue;
		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (!strcmp(name, names[i]) && val > 0)
				found[i]++;
	}
	st = pclose(f);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ASSERT_EQ(0, st) TH_LOG("avcpu-stat said:\n%s", out);
	for (i = 0, bad = 0; i < ARRAY_SIZE(names); i++) {
		if (found[i] != 1) {
			TH_LOG("%s: not once nonzero", names[i]);
			bad++;
		}
	}
	if (bad)
		TH_LOG("avcpu-stat said:\n%s", out);
	ASSERT_EQ(0, bad);
}

/*
 * The live view: two intervals of 0.3 s, each a table whose MMIO-write
 * rate is positive (the busy VMM exits on every write).
 */
TEST(avcpu_stat_rates)
{
	static char out[32768];
	char cmd[128], line[256];
	double rate;
	unsigned long long total;
	int st, tables = 0, rates = 0;
	size_t len;
	pid_t pid;
	FILE *f;

	if (access(AVCPU_STAT, X_OK))
		SKIP(return, "%s not installed here", AVCPU_STAT);
	pid = start_busy_vmm();
	ASSERT_LT(0, pid);
	snprintf(cmd, sizeof(cmd), "%s -i 0.3 -c 2 %d 2>&1", AVCPU_STAT, pid);
	f = popen(cmd, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		len = strlen(out);
		snprintf(out + len, sizeof(out) - len, "%s", line);
		if (!strncmp(line, "counter ", 8) && strstr(line, "per second"))
			tables++;
		if (sscanf(line, "mmio_writes %llu %lf", &total, &rate) == 2 &&
		    total > 0 && rate > 0)
			rates++;
	}
	st = pclose(f);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	if (st || tables != 2 || rates != 2)
		TH_LOG("avcpu-stat said:\n%s", out);
	ASSERT_EQ(0, st);
	ASSERT_EQ(2, tables);
	ASSERT_EQ(2, rates);
}

/* Against a process with no avcpu VM it says so and fails. */
TEST(avcpu_stat_no_vm)
{
	char cmd[128];
	int st;

	if (access(AVCPU_STAT, X_OK))
		SKIP(return, "%s not installed here", AVCPU_STAT);
	snprintf(cmd, sizeof(cmd), "%s --once %d >/dev/null 2>&1", AVCPU_STAT,
		 getpid());
	st = system(cmd);
	ASSERT_TRUE(WIFEXITED(st));
	ASSERT_NE(0, WEXITSTATUS(st));
}

TEST_HARNESS_MAIN
