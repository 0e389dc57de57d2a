// SPDX-License-Identifier: GPL-2.0
/*
 * FP/SIMD: the guest's V0-V31, FPSR and FPCR are its own, readable and
 * writable through ONE_REG, and survive exits, other vCPUs and the host
 * using the same registers at the same time.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

#define STRESS_SECONDS	10

#define ALL_V	"0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20," \
		"21,22,23,24,25,26,27,28,29,30,31"

/* FP at EL1 enabled, as a guest kernel does before using it. */
#define FP_ON	"	mov	x0, #(3 << 20)\n	msr	cpacr_el1, x0\n	isb\n"

static int run_once(int fd)
{
	return avcpu_run_fd(fd, NULL);
}

static int one_reg(int fd, unsigned long req, uint64_t id, void *p)
{
	struct avcpu_one_reg r = { .id = id, .addr = (uintptr_t)p };

	return ioctl(fd, req, &r);
}

/* v1 = v0 + v0 (64-bit lanes), FPCR and FPSR into x3/x4, exit. */
AVCPU_GUEST(g_vadd,
	FP_ON
	"	add	v1.2d, v0.2d, v0.2d\n"
	"	mrs	x3, fpcr\n"
	"	mrs	x4, fpsr\n"
	"	hvc	#1\n");

TEST(fp_registers_through_one_reg)
{
	uint64_t in[2] = { 0x1111222233334444ULL, 0x0102030405060708ULL };
	uint64_t out[2] = { 0 };
	uint32_t fpcr = 0x03000000, fpsr = 0x1f, v32 = 0;
	struct avcpu_guest g;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_vadd_start,
					g_vadd_end));
	ASSERT_EQ(0, one_reg(g.vcpu, AVCPU_SET_ONE_REG, AVCPU_REG_V(0), in));
	ASSERT_EQ(0, one_reg(g.vcpu, AVCPU_SET_ONE_REG, AVCPU_REG_FPCR,
			     &fpcr));
	ASSERT_EQ(0, one_reg(g.vcpu, AVCPU_SET_ONE_REG, AVCPU_REG_FPSR,
			     &fpsr));
	ASSERT_EQ(0, run_once(g.vcpu));
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, g.run->exit_reason);
	ASSERT_EQ(1, g.run->hypercall.imm);
	ASSERT_EQ(fpcr, g.run->hypercall.x[3]);
	ASSERT_EQ(fpsr, g.run->hypercall.x[4]);
	ASSERT_EQ(0, one_reg(g.vcpu, AVCPU_GET_ONE_REG, AVCPU_REG_V(1), out));
	ASSERT_EQ(2 * in[0], out[0]);
	ASSERT_EQ(2 * in[1], out[1]);
	ASSERT_EQ(0, one_reg(g.vcpu, AVCPU_GET_ONE_REG, AVCPU_REG_FPCR, &v32));
	ASSERT_EQ(fpcr, v32);
	avcpu_guest_destroy(&g);
}

/*
 * Each round fills V0-V31 with seed + round + n (both lanes), exits
 * (hvc #1), then checks every lane: a mismatch reports hvc #0xbad with
 * the register number in x1.  The seed is the vCPU's MPIDR << 56.
 */
AVCPU_GUEST(g_fp_stress,
	FP_ON
	"	mrs	x19, mpidr_el1\n"
	"	and	x19, x19, #0xff\n"
	"	lsl	x19, x19, #56\n"
	"	mov	x20, #0\n"
	"1:	add	x21, x19, x20\n"
	"	.irp	n, " ALL_V "\n"
	"	dup	v\\n\\().2d, x21\n"
	"	add	x21, x21, #1\n"
	"	.endr\n"
	"	hvc	#1\n"
	"	add	x21, x19, x20\n"
	"	.irp	n, " ALL_V "\n"
	"	mov	x1, #\\n\n"
	"	mov	x22, v\\n\\().d[0]\n"
	"	cmp	x22, x21\n"
	"	b.ne	2f\n"
	"	mov	x22, v\\n\\().d[1]\n"
	"	cmp	x22, x21\n"
	"	b.ne	2f\n"
	"	add	x21, x21, #1\n"
	"	.endr\n"
	"	add	x20, x20, #1\n"
	"	b	1b\n"
	"2:	hvc	#0xbad\n");

static volatile int stop;

struct fp_runner {
	int fd;
	struct avcpu_run *run;
	unsigned long rounds;
	int bad;
	int failed;
};

static void *fp_vcpu_thread(void *arg)
{
	struct fp_runner *r = arg;

	while (!stop) {
		if (run_once(r->fd) ||
		    r->run->exit_reason != AVCPU_EXIT_HYPERCALL) {
			r->failed = 1;
			break;
		}
		if (r->run->hypercall.imm != 1) {
			r->bad = 1;
			break;
		}
		r->rounds++;
	}
	return NULL;
}

/* The host thread's own pattern, checked across a yield. */
static void *fp_host_thread(void *arg)
{
	struct fp_runner *r = arg;
	uint64_t v[64] __attribute__((aligned(16)));
	uint64_t seed = 0x5a5a000000000000ULL;
	int i;

	while (!stop) {
		asm volatile("mov	x9, %[seed]\n"
			     ".irp	n, " ALL_V "\n"
			     "dup	v\\n\\().2d, x9\n"
			     "add	x9, x9, #1\n"
			     ".endr\n"
			     "mov	x8, #124\n"	/* sched_yield */
			     "svc	#0\n"
			     ".irp	n, " ALL_V "\n"
			     "str	q\\n, [%[out], #16 * \\n]\n"
			     ".endr\n"
			     : : [seed] "r" (seed), [out] "r" (v)
			     : "x0", "x8", "x9", "memory",
			       "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7",
			       "v8", "v9", "v10", "v11", "v12", "v13", "v14",
			       "v15", "v16", "v17", "v18", "v19", "v20", "v21",
			       "v22", "v23", "v24", "v25", "v26", "v27", "v28",
			       "v29", "v30", "v31");
		for (i = 0; i < 64; i++)
			if (v[i] != seed + i / 2)
				r->bad = 1;
		seed++;
		r->rounds++;
	}
	return NULL;
}

TEST(fp_two_vcpus_and_host_10s)
{
	struct fp_runner r[3] = { { 0 } };
	struct avcpu_guest g;
	pthread_t th[3];
	int i;

	ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, g_fp_stress_start,
					g_fp_stress_end));
	r[0].fd = g.vcpu;
	r[0].run = g.run;
	r[1].fd = avcpu_guest_add_vcpu(&g, 1, 0, &r[1].run);
	ASSERT_LE(0, r[1].fd);
	ASSERT_EQ(0, avcpu_set_reg(r[1].fd, AVCPU_REG_PC, g.entry));
	stop = 0;
	ASSERT_EQ(0, pthread_create(&th[0], NULL, fp_vcpu_thread, &r[0]));
	ASSERT_EQ(0, pthread_create(&th[1], NULL, fp_vcpu_thread, &r[1]));
	ASSERT_EQ(0, pthread_create(&th[2], NULL, fp_host_thread, &r[2]));
	sleep(STRESS_SECONDS);
	stop = 1;
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	TH_LOG("rounds: vCPU0 %lu, vCPU1 %lu, host %lu", r[0].rounds,
	       r[1].rounds, r[2].rounds);
	for (i = 0; i < 2; i++) {
		if (r[i].bad)
			TH_LOG("vCPU%d: V%llu wrong", i,
			       (unsigned long long)r[i].run->hypercall.x[1]);
		ASSERT_EQ(0, r[i].failed);
		ASSERT_EQ(0, r[i].bad);
		ASSERT_LT(100, r[i].rounds);
	}
	ASSERT_EQ(0, r[2].bad);
	ASSERT_LT(100, r[2].rounds);
	munmap(r[1].run, 4096);
	close(r[1].fd);
	avcpu_guest_destroy(&g);
}

TEST_HARNESS_MAIN
