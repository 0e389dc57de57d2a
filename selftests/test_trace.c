// SPDX-License-Identifier: GPL-2.0
/*
 * The avcpu tracepoints through tracefs: a trace instance of our own with
 * every avcpu event enabled, the known guest (lib/known_guest.h) run once,
 * then its records, counted and read field by field.  Skips, saying why,
 * where the kernel has no tracefs.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include "kselftest_harness.h"
#include "lib/known_guest.h"

#define TRACEFS		"/sys/kernel/tracing"
#define MAX_RECS	4096

struct rec {
	char event[32];
	char text[224];		/* what follows "avcpu_xxx: " */
};

static struct rec recs[MAX_RECS];
static int nrecs;
static char inst[128];

static int write_str(const char *dir, const char *file, const char *s)
{
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	ret = write(fd, s, strlen(s)) == (ssize_t)strlen(s) ? 0 : -errno;
	close(fd);
	return ret;
}

/* tracefs where it is, or mounted there; NULL and *why if impossible. */
static const char *find_tracefs(const char **why)
{
	struct stat st;

	if (!stat(TRACEFS "/instances", &st))
		return TRACEFS;
	if (!mount("nodev", TRACEFS, "tracefs", 0, NULL) &&
	    !stat(TRACEFS "/instances", &st))
		return TRACEFS;
	if (!stat("/sys/kernel/debug/tracing/instances", &st))
		return "/sys/kernel/debug/tracing";
	if (!access("/proc/filesystems", R_OK) &&
	    system("grep -qw tracefs /proc/filesystems") != 0)
		*why = "the kernel has no tracefs (CONFIG_TRACING off)";
	else
		*why = "tracefs cannot be mounted at " TRACEFS;
	return NULL;
}

/* Parse the instance's trace file into recs[]. */
static int read_trace(void)
{
	char path[256], line[512], *p, *colon;
	FILE *f;

	snprintf(path, sizeof(path), "%s/trace", inst);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	nrecs = 0;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		p = strstr(line, ": avcpu_");
		if (!p)
			continue;
		p += 2;
		colon = strstr(p, ": ");
		if (!colon || colon - p >= (int)sizeof(recs[0].event))
			continue;
		if (nrecs == MAX_RECS)
			break;
		memcpy(recs[nrecs].event, p, colon - p);
		recs[nrecs].event[colon - p] = 0;
		snprintf(recs[nrecs].text, sizeof(recs[0].text), "%s",
			 colon + 2);
		recs[nrecs].text[strcspn(recs[nrecs].text, "\n")] = 0;
		nrecs++;
	}
	fclose(f);
	return 0;
}

/* How many records of @event contain @needle (NULL: any). */
static int count(const char *event, const char *needle)
{
	int i, n = 0;

	for (i = 0; i < nrecs; i++)
		if (!strcmp(recs[i].event, event) &&
		    (!needle || strstr(recs[i].text, needle)))
			n++;
	return n;
}

/* How many records of @event contain both @a and @b. */
static int count2(const char *event, const char *a, const char *b)
{
	int i, n = 0;

	for (i = 0; i < nrecs; i++)
		if (!strcmp(recs[i].event, event) &&
		    strstr(recs[i].text, a) && strstr(recs[i].text, b))
			n++;
	return n;
}

static void dump(void)
{
	int i;

	for (i = 0; i < nrecs && i < 60; i++)
		fprintf(stderr, "# %s: %s\n", recs[i].event, recs[i].text);
}

FIXTURE(trace) {
	int ok;
};

FIXTURE_SETUP(trace)
{
	const char *why = NULL, *root = find_tracefs(&why);
	char dir[256];

	self->ok = 0;
	if (!root)
		SKIP(return, "%s", why);
	snprintf(dir, sizeof(dir), "%s/events/avcpu", root);
	ASSERT_EQ(0, access(dir, F_OK)) {
		TH_LOG("tracefs is there but %s is not: avcpu.ko without its events?",
		       dir);
	}
	snprintf(inst, sizeof(inst), "%s/instances/avcpu-test-%d", root,
		 getpid());
	rmdir(inst);
	ASSERT_EQ(0, mkdir(inst, 0700)) {
		TH_LOG("mkdir %s: %s", inst, strerror(errno));
	}
	self->ok = 1;
}

FIXTURE_TEARDOWN(trace)
{
	if (self->ok) {
		write_str(inst, "events/avcpu/enable", "0");
		rmdir(inst);
	}
}

/* Every event the module declares is there, with its format file. */
TEST_F(trace, events_are_listed)
{
	static const char * const events[] = {
		"avcpu_entry", "avcpu_exit", "avcpu_mmio", "avcpu_hypercall",
		"avcpu_sysreg", "avcpu_wfi_sleep", "avcpu_wfi_wake",
		"avcpu_s2_fault", "avcpu_irq_line", "avcpu_vmid",
	};
	char path[320];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(events); i++) {
		snprintf(path, sizeof(path), "%s/events/avcpu/%s/format", inst,
			 events[i]);
		EXPECT_EQ(0, access(path, R_OK)) {
			TH_LOG("%s missing", path);
		}
	}
}

/* Disabled, the events record nothing. */
TEST_F(trace, disabled_records_nothing)
{
	struct avcpu_guest g;
	const char *err;

	ASSERT_EQ(0, write_str(inst, "events/avcpu/enable", "0"));
	ASSERT_EQ(0, avcpu_guest_create(&g, KG_RAM_SIZE, g_known_start,
					g_known_end));
	err = kg_run(&g);
	ASSERT_EQ(NULL, err) TH_LOG("%s", err);
	avcpu_guest_destroy(&g);
	ASSERT_EQ(0, read_trace());
	ASSERT_EQ(0, nrecs) dump();
}

TEST_F(trace, known_guest_records)
{
	struct avcpu_guest g;
	unsigned int vmid = 0;
	unsigned long long entry;
	const char *err;
	char want[160];
	int i, sync = 0, entries, exits;

	ASSERT_EQ(0, write_str(inst, "events/avcpu/enable", "1"));
	ASSERT_EQ(0, avcpu_guest_create(&g, KG_RAM_SIZE, g_known_start,
					g_known_end));
	entry = g.entry;
	err = kg_run(&g);
	ASSERT_EQ(NULL, err) TH_LOG("%s", err);
	avcpu_guest_destroy(&g);
	ASSERT_EQ(0, write_str(inst, "events/avcpu/enable", "0"));
	ASSERT_EQ(0, read_trace());

	/* Our VM's VMID, taken and given back. */
	ASSERT_EQ(1, count("avcpu_vmid", "alloc")) dump();
	for (i = 0; i < nrecs; i++)
		if (!strcmp(recs[i].event, "avcpu_vmid"))
			break;
	ASSERT_EQ(1, sscanf(recs[i].text, "alloc vmid %u", &vmid));
	ASSERT_NE(0, vmid);
	snprintf(want, sizeof(want), "free vmid %u", vmid);
	ASSERT_EQ(1, count("avcpu_vmid", want)) dump();

	/* MMIO: two writes with their values, a read and its completion. */
	snprintf(want, sizeof(want), "vmid %u vcpu 0x0 write ipa 0x9000000 len 4 val 0x1234",
		 vmid);
	EXPECT_EQ(1, count("avcpu_mmio", want)) dump();
	snprintf(want, sizeof(want), "vmid %u vcpu 0x0 write ipa 0x9000008 len 1 val 0xab",
		 vmid);
	EXPECT_EQ(1, count("avcpu_mmio", want)) dump();
	EXPECT_EQ(1, count("avcpu_mmio", "read ipa 0x9000010 len 4 val 0x0"));
	EXPECT_EQ(1, count("avcpu_mmio", "read_done ipa 0x9000010 len 4 val 0x5678"));
	EXPECT_EQ(4, count("avcpu_mmio", NULL)) dump();

	/* The hypercall: x0 is the value read, immediate 1, to the VMM. */
	EXPECT_EQ(1, count("avcpu_hypercall", "hvc #1 func 0x5678 exit")) dump();
	EXPECT_EQ(1, count("avcpu_hypercall", NULL));

	/* Two system register traps: one answered here, one for the VMM. */
	EXPECT_EQ(1, count("avcpu_sysreg", "mrs S3_0_C0_C7_0 kernel")) dump();
	EXPECT_EQ(1, count("avcpu_sysreg", "msr S3_0_C12_C11_5 vmm")) dump();
	EXPECT_EQ(2, count("avcpu_sysreg", NULL));

	/* One sleep in WFI, woken by the line, not the timer or a signal. */
	EXPECT_EQ(1, count("avcpu_wfi_sleep", NULL)) dump();
	EXPECT_EQ(1, count("avcpu_wfi_wake", "event")) dump();
	EXPECT_EQ(1, count("avcpu_wfi_wake", NULL));
	EXPECT_EQ(1, count("avcpu_irq_line", "irq level 1")) dump();
	EXPECT_EQ(1, count("avcpu_irq_line", NULL));

	/*
	 * One stage-2 fault, at the entry point, mapping its page: the only
	 * one of the unpinned slot the VMM wrote.
	 */
	snprintf(want, sizeof(want), "ipa %#llx esr",
		 (unsigned long long)entry);
	EXPECT_EQ(1, count("avcpu_s2_fault", want)) dump();
	snprintf(want, sizeof(want), "mapped %#x", getpagesize());
	EXPECT_EQ(1, count("avcpu_s2_fault", want)) dump();
	EXPECT_EQ(1, count("avcpu_s2_fault", NULL));

	/* Synchronous exits by class; interrupts may add IRQ exits. */
	EXPECT_EQ(1, count("avcpu_exit", "trap SYNC ec IABT_LOW"));
	EXPECT_EQ(3, count("avcpu_exit", "trap SYNC ec DABT_LOW"));
	EXPECT_EQ(2, count("avcpu_exit", "trap SYNC ec SYS64"));
	EXPECT_EQ(1, count("avcpu_exit", "trap SYNC ec WFx"));
	EXPECT_EQ(1, count("avcpu_exit", "trap SYNC ec HVC64"));
	/* The WFI exit stops on the WFI; its ESR says EC 0x01, IL. */
	snprintf(want, sizeof(want), "pc %#llx",
		 (unsigned long long)(entry + KG_WFI_OFFSET));
	EXPECT_EQ(1, count2("avcpu_exit", "ec WFx esr 0x", want)) dump();
	for (i = 0; i < nrecs; i++)
		if (!strcmp(recs[i].event, "avcpu_exit") &&
		    strstr(recs[i].text, "trap SYNC"))
			sync++;
	EXPECT_EQ(KG_SYNC_EXITS, sync) dump();
	/* Every exit follows an entry; an entry a kick cancelled has none. */
	entries = count("avcpu_entry", NULL);
	exits = count("avcpu_exit", NULL);
	EXPECT_LE(exits, entries);
	EXPECT_GE(exits, KG_SYNC_EXITS);
	snprintf(want, sizeof(want), "vmid %u vcpu 0x0 pc %#llx", vmid,
		 (unsigned long long)entry);
	EXPECT_EQ(0, strcmp(recs[1].event, "avcpu_entry")) dump();
	EXPECT_EQ(0, strcmp(recs[1].text, want)) dump();
	TH_LOG("%d records: %d entries, %d exits (%d synchronous)", nrecs,
	       entries, exits, sync);
}

TEST_HARNESS_MAIN
