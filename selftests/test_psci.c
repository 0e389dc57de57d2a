// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI 1.0 and SMCCC 1.1 answered by the module: discovery calls over
 * both conduits, SMP bring-up with CPU_ON/CPU_OFF/AFFINITY_INFO on
 * several threads, SYSTEM_OFF and SYSTEM_RESET exits, and vCPU reset.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

/* Load a 32-bit function ID (hi:lo halves) into a register. */
#define FID(r, hi, lo) \
	"	movz	" r ", #" hi ", lsl #16\n	movk	" r ", #" lo "\n"
#define CALL(hi, lo)	FID("x0", hi, lo) "	hvc	#0\n"

#define MPIDR_RES1	0x80000000ULL

static int run_once(int fd)
{
	return avcpu_run_fd(fd, NULL);
}

static uint64_t reg(int fd, uint64_t id)
{
	return avcpu_reg(fd, id);
}

static void on_sigusr1(int sig)
{
}

/* One RUN of a secondary vCPU on its own thread. */
struct secondary {
	int fd;
	struct avcpu_run *run;
	pthread_t th;
	int ret;
	int err;
	uint32_t reason;
};

static void *secondary_run(void *arg)
{
	struct secondary *s = arg;

	s->ret = ioctl(s->fd, AVCPU_RUN, 0);
	s->err = errno;
	s->reason = s->run->exit_reason;
	return NULL;
}

static void start_secondary(struct secondary *s)
{
	struct sigaction sa = { .sa_handler = on_sigusr1 };

	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART: RUN sees EINTR */
	pthread_create(&s->th, NULL, secondary_run, s);
}

/* Interrupt a RUN that sleeps (a powered-off vCPU) and collect it. */
static void stop_secondary(struct secondary *s)
{
	struct timespec ts;

	for (;;) {
		pthread_kill(s->th, SIGUSR1);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		if (!pthread_timedjoin_np(s->th, NULL, &ts))
			return;
	}
}

static void read_vuln(const char *name, char *buf, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path),
		 "/sys/devices/system/cpu/vulnerabilities/%s", name);
	buf[0] = 0;
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(buf, len, f))
		buf[0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	fclose(f);
}

/* Discovery answers, left in x19-x29. */
AVCPU_GUEST(g_info,
	CALL("0x8400", "0x0000")			/* PSCI_VERSION */
	"	mov	x19, x0\n"
	FID("x1", "0xc400", "0x0003")			/* CPU_ON (SMC64) */
	CALL("0x8400", "0x000a")			/* PSCI_FEATURES */
	"	mov	x20, x0\n"
	FID("x1", "0x8400", "0x000e")			/* SYSTEM_SUSPEND */
	CALL("0x8400", "0x000a")
	"	mov	x21, x0\n"
	CALL("0x8400", "0x0006")			/* MIGRATE_INFO_TYPE */
	"	mov	x22, x0\n"
	CALL("0x8000", "0x0000")			/* SMCCC_VERSION */
	"	mov	x23, x0\n"
	FID("x1", "0x8000", "0x8000")			/* ARCH_WORKAROUND_1 */
	CALL("0x8000", "0x0001")			/* SMCCC_ARCH_FEATURES */
	"	mov	x24, x0\n"
	FID("x1", "0x8000", "0x7fff")			/* ARCH_WORKAROUND_2 */
	CALL("0x8000", "0x0001")
	"	mov	x25, x0\n"
	FID("x1", "0x8000", "0x3fff")			/* ARCH_WORKAROUND_3 */
	CALL("0x8000", "0x0001")
	"	mov	x26, x0\n"
	CALL("0x8200", "0x0000")			/* unknown SiP call */
	"	mov	x27, x0\n"
	FID("x0", "0x8400", "0x0000")			/* PSCI_VERSION */
	"	smc	#0\n"
	"	mov	x28, x0\n"
	FID("x0", "0xc600", "0x0042")			/* unknown, over SMC */
	"	smc	#0\n"
	"	mov	x29, x0\n"
	"	hvc	#1\n");

TEST(psci_and_smccc_discovery)
{
	char v2[256], v4[256];
	struct avcpu_guest g;
	int64_t wa1, wa2, wa3;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_info_start,
					g_info_end));
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	ASSERT_EQ(0x10000, reg(g.vcpu, AVCPU_REG_X(19)));	/* PSCI 1.0 */
	ASSERT_EQ(0, reg(g.vcpu, AVCPU_REG_X(20)));
	ASSERT_EQ(-1, (int64_t)reg(g.vcpu, AVCPU_REG_X(21)));
	ASSERT_EQ(2, reg(g.vcpu, AVCPU_REG_X(22)));		/* no TOS */
	ASSERT_EQ(0x10001, reg(g.vcpu, AVCPU_REG_X(23)));	/* SMCCC 1.1 */
	ASSERT_EQ(-1, (int64_t)reg(g.vcpu, AVCPU_REG_X(27)));
	ASSERT_EQ(0x10000, reg(g.vcpu, AVCPU_REG_X(28)));
	ASSERT_EQ(-1, (int64_t)reg(g.vcpu, AVCPU_REG_X(29)));

	wa1 = reg(g.vcpu, AVCPU_REG_X(24));
	wa2 = reg(g.vcpu, AVCPU_REG_X(25));
	wa3 = reg(g.vcpu, AVCPU_REG_X(26));
	read_vuln("spectre_v2", v2, sizeof(v2));
	read_vuln("spec_store_bypass", v4, sizeof(v4));
	TH_LOG("host spectre_v2 \"%s\", spec_store_bypass \"%s\"; guest told WA1 %lld WA2 %lld WA3 %lld",
	       v2, v4, (long long)wa1, (long long)wa2, (long long)wa3);
	ASSERT_NE(0, v2[0]);
	ASSERT_NE(0, v4[0]);
	if (!strcmp(v2, "Not affected")) {
		ASSERT_EQ(1, wa1);
		ASSERT_EQ(1, wa3);
	}
	/*
	 * Where the host itself has no Spectre-v2 mitigation, calling
	 * WORKAROUND_1 cannot help the guest either; the BHB part of the
	 * host's report must match WORKAROUND_3's answer.
	 */
	if (strstr(v2, "Vulnerable"))
		ASSERT_EQ(-1, wa1);
	if (strstr(v2, "not BHB")) {
		ASSERT_EQ(-1, wa3);
	} else if (strstr(v2, "BHB")) {
		ASSERT_EQ(0, wa3);
	}
	if (!strcmp(v4, "Not affected")) {
		ASSERT_EQ(-2, wa2);
	} else {
		ASSERT_EQ(-1, wa2);
	}
	avcpu_guest_destroy(&g);
}

/* PSCI_VERSION twice: the first one the VMM asked for, then in-kernel. */
AVCPU_GUEST(g_version,
	CALL("0x8400", "0x0000")
	"	mov	x19, x0\n"
	CALL("0x8400", "0x0000")
	"	mov	x20, x0\n"
	"	hvc	#1\n");

/*
 * A VMM EXIT range takes precedence over the module's own answer, even
 * for the calls the EL2 fast path answers (PSCI_VERSION).
 */
TEST(vmm_filter_takes_psci_version)
{
	struct avcpu_smccc_filter f = {
		.base = 0x84000000, .nr_functions = 1,
		.action = AVCPU_SMCCC_EXIT,
	};
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_version_start,
					g_version_end));
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_SMCCC_FILTER, &f));
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x84000000, g.run->hypercall.x[0]);
	g.run->hypercall.x[0] = 0x20000;		/* the VMM says 2.0 */
	f.action = AVCPU_SMCCC_DEFAULT;
	ASSERT_EQ(0, ioctl(g.vm, AVCPU_SET_SMCCC_FILTER, &f));
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	ASSERT_EQ(0x20000, reg(g.vcpu, AVCPU_REG_X(19)));
	ASSERT_EQ(0x10000, reg(g.vcpu, AVCPU_REG_X(20)));
	avcpu_guest_destroy(&g);
}

/* PSCI_VERSION forever: answered at EL2 until a filter claims it. */
AVCPU_GUEST(g_version_loop,
	"1:"
	CALL("0x8400", "0x0000")
	"	b	1b\n");

struct filter_setter {
	int vm;
	pthread_t main;
	volatile int done;
};

/* Claim PSCI_VERSION after 50 ms; break the RUN with a signal at 10 s. */
static void *set_filter_later(void *arg)
{
	struct avcpu_smccc_filter f = {
		.base = 0x84000000, .nr_functions = 1,
		.action = AVCPU_SMCCC_EXIT,
	};
	struct filter_setter *fs = arg;
	int i;

	usleep(50 * 1000);
	ioctl(fs->vm, AVCPU_SET_SMCCC_FILTER, &f);
	for (i = 0; i < 1000 && !fs->done; i++)
		usleep(10 * 1000);
	if (!fs->done)
		pthread_kill(fs->main, SIGUSR1);
	return NULL;
}

/*
 * A filter set while a vCPU is in the guest applies from its next
 * call on: the EL2 fast path stops answering PSCI_VERSION at once.
 */
TEST(filter_change_reaches_running_vcpu)
{
	struct sigaction sa = { .sa_handler = on_sigusr1 };
	struct filter_setter fs = { 0 };
	struct avcpu_guest g;
	pthread_t th;
	int ret;

	sigaction(SIGUSR1, &sa, NULL);
	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_version_loop_start,
					g_version_loop_end));
	fs.vm = g.vm;
	fs.main = pthread_self();
	pthread_create(&th, NULL, set_filter_later, &fs);
	ret = ioctl(g.vcpu, AVCPU_RUN, 0);
	fs.done = 1;
	pthread_join(th, NULL);
	ASSERT_EQ(0, ret);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(0x84000000, g.run->hypercall.x[0]);
	avcpu_guest_destroy(&g);
}

/*
 * CPU 0 starts CPUs 1-3 at label 9 with context ids 0x101-0x103; each
 * writes {MPIDR, context id} to RAM + 0x1000 + 16 * n, waits for the go
 * flag at RAM + 0x1800, and calls CPU_OFF.  CPU 0 records AFFINITY_INFO
 * of CPU 1 before CPU_ON (x23), while it runs (x24) and after its
 * CPU_OFF (x25), its own (x26), CPU_ON of itself (x27) and of an absent
 * MPIDR (x28).
 */
#define AFFINITY(cpu)	"	mov	x1, #" cpu "\n	mov	x2, #0\n" \
			CALL("0xc400", "0x0004")
AVCPU_GUEST(g_smp,
	AFFINITY("1")
	"	mov	x23, x0\n"
	"	mov	x19, #1\n"
	"1:	mov	x1, x19\n"
	"	adr	x2, 9f\n"
	"	add	x3, x19, #0x100\n"
	CALL("0xc400", "0x0003")
	"	cbnz	x0, 8f\n"
	"	add	x19, x19, #1\n"
	"	cmp	x19, #4\n"
	"	b.ne	1b\n"
	"	movz	x20, #0x4000, lsl #16\n"
	"	add	x20, x20, #0x1000\n"
	"2:	ldr	x0, [x20, #16]\n"
	"	cbz	x0, 2b\n"
	AFFINITY("1")
	"	mov	x24, x0\n"
	"	mov	x0, #1\n"
	"	str	x0, [x20, #0x800]\n"
	"	mov	x19, #1\n"
	"3:	mov	x1, x19\n"
	"	mov	x2, #0\n"
	CALL("0xc400", "0x0004")
	"	cmp	x0, #1\n"
	"	b.ne	3b\n"
	"	add	x19, x19, #1\n"
	"	cmp	x19, #4\n"
	"	b.ne	3b\n"
	AFFINITY("1")
	"	mov	x25, x0\n"
	AFFINITY("0")
	"	mov	x26, x0\n"
	"	mov	x1, #0\n"
	"	adr	x2, 9f\n"
	"	mov	x3, #0\n"
	CALL("0xc400", "0x0003")
	"	mov	x27, x0\n"
	"	mov	x1, #9\n"
	"	adr	x2, 9f\n"
	"	mov	x3, #0\n"
	CALL("0xc400", "0x0003")
	"	mov	x28, x0\n"
	"	hvc	#1\n"
	"8:	hvc	#2\n"
	"9:	mrs	x1, mpidr_el1\n"
	"	and	x2, x1, #0xff\n"
	"	movz	x3, #0x4000, lsl #16\n"
	"	add	x3, x3, #0x1000\n"
	"	add	x4, x3, x2, lsl #4\n"
	"	str	x0, [x4, #8]\n"
	"	str	x1, [x4]\n"
	"4:	ldr	x5, [x3, #0x800]\n"
	"	cbz	x5, 4b\n"
	CALL("0x8400", "0x0002")
	"	hvc	#3\n");

TEST(cpu_on_three_secondaries)
{
	struct secondary sec[4];
	struct avcpu_guest g;
	uint64_t *rec;
	int i;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_smp_start,
					g_smp_end));
	for (i = 1; i < 4; i++) {
		sec[i].fd = avcpu_guest_add_vcpu(&g, i, AVCPU_VCPU_POWER_OFF,
						 &sec[i].run);
		ASSERT_LE(0, sec[i].fd);
		start_secondary(&sec[i]);
	}
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	ASSERT_EQ(1, reg(g.vcpu, AVCPU_REG_X(23)));	/* OFF */
	ASSERT_EQ(0, reg(g.vcpu, AVCPU_REG_X(24)));	/* ON */
	ASSERT_EQ(1, reg(g.vcpu, AVCPU_REG_X(25)));	/* OFF again */
	ASSERT_EQ(0, reg(g.vcpu, AVCPU_REG_X(26)));	/* itself: ON */
	ASSERT_EQ(-4, (int64_t)reg(g.vcpu, AVCPU_REG_X(27))); /* ALREADY_ON */
	ASSERT_EQ(-2, (int64_t)reg(g.vcpu, AVCPU_REG_X(28))); /* INVALID */

	rec = (uint64_t *)((char *)g.ram + 0x1000);
	for (i = 1; i < 4; i++) {
		ASSERT_EQ(MPIDR_RES1 | i, rec[2 * i]);
		ASSERT_EQ(0x100 + i, rec[2 * i + 1]);
	}
	/* Powered off again: their RUN sleeps until a signal. */
	for (i = 1; i < 4; i++) {
		stop_secondary(&sec[i]);
		ASSERT_EQ(-1, sec[i].ret);
		ASSERT_EQ(EINTR, sec[i].err);
		ASSERT_EQ(AVCPU_EXIT_INTR, sec[i].reason);
		munmap(sec[i].run, 4096);
		close(sec[i].fd);
	}
	avcpu_guest_destroy(&g);
}

/*
 * CPU 0 turns big-endian at EL1 (SCTLR_EL1.EE) and starts CPU 1, which
 * reports its SCTLR_EL1: PSCI starts the target with the caller's
 * endianness.
 */
AVCPU_GUEST(g_on_be,
	"	mrs	x0, sctlr_el1\n"
	"	orr	x0, x0, #(1 << 25)\n"
	"	msr	sctlr_el1, x0\n"
	"	isb\n"
	"	mov	x1, #1\n"
	"	adr	x2, 9f\n"
	"	mov	x3, #0\n"
	CALL("0xc400", "0x0003")
	"	hvc	#1\n"
	"9:	mrs	x0, sctlr_el1\n"
	"	hvc	#5\n");

TEST(cpu_on_keeps_caller_endianness)
{
	struct secondary s;
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_on_be_start,
					g_on_be_end));
	s.fd = avcpu_guest_add_vcpu(&g, 1, AVCPU_VCPU_POWER_OFF, &s.run);
	ASSERT_LE(0, s.fd);
	start_secondary(&s);
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	ASSERT_EQ(0, reg(g.vcpu, AVCPU_REG_X(0)));	/* CPU_ON: SUCCESS */
	pthread_join(s.th, NULL);
	ASSERT_EQ(0, s.ret);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, s.reason);
	ASSERT_EQ(5, s.run->hypercall.imm);
	ASSERT_NE(0, s.run->hypercall.x[0] & (1ULL << 25));
	munmap(s.run, 4096);
	close(s.fd);
	avcpu_guest_destroy(&g);
}

/* CPU 1 spins in the guest; CPU 0 calls SYSTEM_OFF. */
AVCPU_GUEST(g_off,
	"	mov	x1, #1\n"
	"	adr	x2, 9f\n"
	"	mov	x3, #0\n"
	CALL("0xc400", "0x0003")
	"	movz	x20, #0x4000, lsl #16\n"
	"	add	x20, x20, #0x1000\n"
	"2:	ldr	x0, [x20]\n"
	"	cbz	x0, 2b\n"
	CALL("0x8400", "0x0008")
	"	hvc	#2\n"
	"9:	movz	x20, #0x4000, lsl #16\n"
	"	add	x20, x20, #0x1000\n"
	"	mov	x0, #1\n"
	"	str	x0, [x20]\n"
	"	b	.\n");

TEST(system_off_stops_every_vcpu)
{
	struct secondary s;
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_off_start,
					g_off_end));
	s.fd = avcpu_guest_add_vcpu(&g, 1, AVCPU_VCPU_POWER_OFF, &s.run);
	ASSERT_LE(0, s.fd);
	start_secondary(&s);
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_SYSTEM_EVENT, g.run->exit_reason);
	ASSERT_EQ(AVCPU_SYSTEM_OFF, g.run->system_event.type);
	/* The spinning secondary was pulled out with the same exit. */
	pthread_join(s.th, NULL);
	ASSERT_EQ(0, s.ret);
	ASSERT_EQ(AVCPU_EXIT_SYSTEM_EVENT, s.reason);
	ASSERT_EQ(AVCPU_SYSTEM_OFF, s.run->system_event.type);
	/* Stopped until reset. */
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_SYSTEM_EVENT, g.run->exit_reason);
	munmap(s.run, 4096);
	close(s.fd);
	avcpu_guest_destroy(&g);
}

/*
 * Adds the immediate of the instruction at +12 to a counter at RAM +
 * 0x1000, sets TPIDR_EL1, and calls SYSTEM_RESET over SMC.
 */
AVCPU_GUEST(g_reset,
	"	movz	x20, #0x4000, lsl #16\n"
	"	add	x20, x20, #0x1000\n"
	"	ldr	x1, [x20]\n"
	"	mov	x2, #1\n"
	"	add	x1, x1, x2\n"
	"	str	x1, [x20]\n"
	"	msr	tpidr_el1, x20\n"
	FID("x0", "0x8400", "0x0009")
	"	smc	#0\n"
	"	hvc	#2\n");

TEST(system_reset_and_vcpu_reset)
{
	uint32_t *code;
	struct avcpu_guest g;
	uint64_t *counter;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_reset_start,
					g_reset_end));
	counter = (uint64_t *)((char *)g.ram + 0x1000);
	code = (uint32_t *)((char *)g.ram + (g.entry - GUEST_RAM_BASE));
	ASSERT_EQ(0xd2800022, code[3]);			/* mov x2, #1 */
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_SYSTEM_EVENT, g.run->exit_reason);
	ASSERT_EQ(AVCPU_SYSTEM_RESET, g.run->system_event.type);
	ASSERT_EQ(1, *counter);
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_SYSTEM_EVENT, g.run->exit_reason);
	ASSERT_EQ(1, *counter);

	ASSERT_EQ(0, ioctl(g.vcpu, AVCPU_VCPU_RESET, 0));
	ASSERT_EQ(g.entry, reg(g.vcpu, AVCPU_REG_PC));
	ASSERT_EQ(0, reg(g.vcpu, AVCPU_REG_TPIDR_EL1));
	ASSERT_EQ(0, reg(g.vcpu, AVCPU_REG_X(20)));
	ASSERT_EQ(0x3c5, reg(g.vcpu, AVCPU_REG_PSTATE));	/* EL1h, DAIF */
	/* New code in place of the old: the guest runs the new one. */
	code[3] = 0xd2800042;					/* mov x2, #2 */
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_SYSTEM_EVENT, g.run->exit_reason);
	ASSERT_EQ(3, *counter);
	avcpu_guest_destroy(&g);
}

TEST_HARNESS_MAIN
