/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A guest whose every exit is known, for the tests that count what the
 * module reports about it (test_trace: tracepoints, test_stats: the
 * stats fds).  One run of it makes, in this order:
 *
 *   - one stage-2 fault: its first instruction fetch maps the 1 MiB slot
 *   - MMIO write 0x1234 (4 bytes) at KG_MMIO, 0xab (1 byte) at KG_MMIO + 8
 *   - MMIO read (4 bytes) at KG_MMIO + 0x10, answered KG_READ_VAL
 *   - MRS of ID_AA64MMFR0_EL1, answered in the kernel
 *   - MSR to ICC_SGI1R_EL1 (HCR_EL2.IMO traps it), which the VMM
 *     completes
 *   - WFI: the vCPU sleeps until the VMM raises its IRQ line (from a
 *     thread that waits until the vCPU's thread sleeps), IRQs masked
 *   - HVC #1 with x0 = the value read: a hypercall exit
 *
 * so: 8 synchronous exits (1 IABT_LOW, 3 DABT_LOW, 2 SYS64, 1 WFx,
 * 1 HVC64), 5 returns to the VMM, 1 WFI sleep and wake-up, 1 IRQ line
 * change.  No FP/SIMD instruction.
 */
#ifndef AVCPU_KNOWN_GUEST_H
#define AVCPU_KNOWN_GUEST_H

#include <pthread.h>
#include <sys/syscall.h>
#include "avcpu_util.h"

#define KG_MMIO		0x09000000ULL
#define KG_READ_VAL	0x5678
#define KG_RAM_SIZE	(1 << 20)
#define KG_SYNC_EXITS	8
#define KG_VMM_EXITS	5	/* RUN returns to the VMM */
#define KG_WFI_OFFSET	(8 * 4)	/* the WFI, from the entry point */

AVCPU_GUEST(g_known,
	"	movz	x1, #0x0900, lsl #16\n"
	"	mov	w2, #0x1234\n"
	"	str	w2, [x1]\n"
	"	mov	w2, #0xab\n"
	"	strb	w2, [x1, #8]\n"
	"	ldr	w3, [x1, #0x10]\n"
	"	mrs	x4, id_aa64mmfr0_el1\n"
	"	msr	s3_0_c12_c11_5, xzr\n"	/* ICC_SGI1R_EL1 */
	"	wfi\n"
	"	mov	x0, x3\n"
	"	hvc	#1\n"
	"	b	.\n");

struct kg_waker {
	pthread_t thread;
	pid_t vcpu_tid;
	int vcpu_fd;
	int ok;		/* the line was raised while the vCPU slept */
};

/* The scheduler state letter of thread @tid of this process. */
static inline char kg_thread_state(pid_t tid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] && p[2] ? p[2] : '?';
}

/* Wait (up to 60 s) until the vCPU thread sleeps in WFI, raise IRQ. */
static inline void *kg_waker_fn(void *arg)
{
	struct kg_waker *w = arg;
	struct avcpu_irq_line l = { .line = AVCPU_LINE_IRQ, .level = 1 };
	int i;

	for (i = 0; i < 60000; i++) {
		if (kg_thread_state(w->vcpu_tid) == 'S')
			break;
		usleep(1000);
	}
	w->ok = i < 60000;
	ioctl(w->vcpu_fd, AVCPU_IRQ_LINE, &l);
	return NULL;
}

/*
 * Run the known guest to its final hypercall, checking each exit.
 * Returns NULL or what went wrong.
 */
static inline const char *kg_run(struct avcpu_guest *g)
{
	struct avcpu_run *run = g->run;
	struct kg_waker w = {
		.vcpu_tid = (pid_t)syscall(SYS_gettid), .vcpu_fd = g->vcpu,
	};
	int ret;

	if (avcpu_run_fd(g->vcpu, run) || run->exit_reason != AVCPU_EXIT_MMIO ||
	    run->mmio.phys_addr != KG_MMIO || !run->mmio.is_write ||
	    run->mmio.len != 4)
		return "first exit is not the 4-byte MMIO write";
	if (avcpu_run_fd(g->vcpu, run) || run->exit_reason != AVCPU_EXIT_MMIO ||
	    run->mmio.phys_addr != KG_MMIO + 8 || !run->mmio.is_write ||
	    run->mmio.len != 1 || run->mmio.data[0] != 0xab)
		return "second exit is not the 1-byte MMIO write";
	if (avcpu_run_fd(g->vcpu, run) || run->exit_reason != AVCPU_EXIT_MMIO ||
	    run->mmio.phys_addr != KG_MMIO + 0x10 || run->mmio.is_write ||
	    run->mmio.len != 4)
		return "third exit is not the MMIO read";
	memset(run->mmio.data, 0, sizeof(run->mmio.data));
	run->mmio.data[0] = KG_READ_VAL & 0xff;
	run->mmio.data[1] = KG_READ_VAL >> 8;
	if (avcpu_run_fd(g->vcpu, run) || run->exit_reason != AVCPU_EXIT_SYSREG ||
	    run->sysreg.id != AVCPU_REG_SYS(3, 0, 12, 11, 5) ||
	    !run->sysreg.is_write)
		return "fourth exit is not the ICC_SGI1R_EL1 write";
	if (pthread_create(&w.thread, NULL, kg_waker_fn, &w))
		return "pthread_create failed";
	ret = avcpu_run_fd(g->vcpu, run);
	pthread_join(w.thread, NULL);
	if (!w.ok)
		return "the vCPU thread never slept in WFI";
	if (ret || run->exit_reason != AVCPU_EXIT_HYPERCALL ||
	    run->hypercall.imm != 1 || run->hypercall.x[0] != KG_READ_VAL)
		return "last exit is not the HVC #1 with the value read";
	return NULL;
}

#endif /* AVCPU_KNOWN_GUEST_H */
