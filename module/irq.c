// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts as a vCPU sees them: the virtual IRQ and FIQ lines a VMM
 * drives (HCR_EL2.VI/VF), kicks that make a running vCPU leave the
 * guest, and WFI sleeping.  The timers whose levels wake it are in
 * timer.c.
 */
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include "avcpu.h"
#include "trace.h"

static void kick_noop(void *unused)
{
}

/*
 * Post a request and wake a sleeping vCPU; returns the CPU the vCPU is
 * in the guest on, or -1.  Any context.
 */
static int kick_request(struct avcpu_vcpu *vcpu)
{
	/* Whatever changed (lines, power, a timer) is visible first. */
	smp_mb__before_atomic();
	set_bit(0, &vcpu->requests);
	/*
	 * Order the request before reading the sleeper and in_guest; pairs
	 * with run.c and with avcpu_vcpu_block(), which publishes itself as
	 * the sleeper, then (set_current_state()'s barrier) looks at the
	 * requests: either it sees this one, or this sees it and wakes it.
	 */
	smp_mb__after_atomic();
	if (rcuwait_active(&vcpu->wait))
		rcuwait_wake_up(&vcpu->wait);

	/*
	 * The run loop sets in_guest, then checks requests, with interrupts
	 * masked: either it sees the bit, or the IPI is pending when it
	 * enters the guest and makes it exit at once.
	 */
	return READ_ONCE(vcpu->in_guest) - 1;
}

/*
 * Make @vcpu look at its lines, power state and requests: wake it if it
 * sleeps, interrupt the guest if it runs.  Process context only.
 */
void avcpu_vcpu_kick(struct avcpu_vcpu *vcpu)
{
	int cpu = kick_request(vcpu);

	if (cpu < 0)
		return;
	if (cpu != get_cpu())
		smp_call_function_single(cpu, kick_noop, NULL, 0);
	put_cpu();
}

/*
 * The same from interrupt context (the physical timer's hrtimer), with
 * the vCPU's own asynchronous IPI.  Returns -EBUSY if that IPI is still
 * in flight from an earlier kick, possibly to another CPU: the caller
 * tries again a little later.  On this CPU the guest cannot be running:
 * the interrupt that got here made it exit already.
 */
int avcpu_vcpu_kick_async(struct avcpu_vcpu *vcpu)
{
	int cpu = kick_request(vcpu);

	if (cpu < 0 || cpu == smp_processor_id())
		return 0;
	return smp_call_function_single_async(cpu, &vcpu->kick_csd);
}

/* Retry a busy asynchronous kick until it goes (hrtimer, hard irq). */
#define KICK_RETRY_NS	(20 * NSEC_PER_USEC)

static enum hrtimer_restart kick_retry_fired(struct hrtimer *t)
{
	struct avcpu_vcpu *vcpu = container_of(t, struct avcpu_vcpu,
					       kick_retry);

	if (!avcpu_vcpu_kick_async(vcpu))
		return HRTIMER_NORESTART;
	hrtimer_forward_now(t, ns_to_ktime(KICK_RETRY_NS));
	return HRTIMER_RESTART;
}

/*
 * A kick from any context that is never lost: if the vCPU's IPI is still
 * in flight from an earlier kick (it may go to the CPU the vCPU ran on
 * before, and the new request may not be seen until its next exit), an
 * hrtimer tries again until it can send one.
 */
void avcpu_vcpu_kick_atomic(struct avcpu_vcpu *vcpu)
{
	if (avcpu_vcpu_kick_async(vcpu) && !hrtimer_is_queued(&vcpu->kick_retry))
		hrtimer_start(&vcpu->kick_retry, ns_to_ktime(KICK_RETRY_NS),
			      HRTIMER_MODE_REL_HARD);
}

int avcpu_vcpu_irq_line(struct avcpu_vcpu *vcpu, void __user *uarg)
{
	struct avcpu_irq_line l;
	bool changed;

	if (copy_from_user(&l, uarg, sizeof(l)))
		return -EFAULT;
	if (l.line > AVCPU_LINE_FIQ || l.level > 1 ||
	    !mem_is_zero(l.reserved, sizeof(l.reserved)))
		return -EINVAL;
	/* The in-kernel GIC drives the vCPU's interrupt lines itself. */
	if (vcpu->vm && avcpu_vgic_on(&vcpu->vm->vgic))
		return -EBUSY;
	if (l.level)
		changed = !test_and_set_bit(l.line, &vcpu->lines);
	else
		changed = test_and_clear_bit(l.line, &vcpu->lines);
	trace_avcpu_irq_line(vcpu, l.line, l.level, changed);
	if (changed)
		atomic64_inc(&vcpu->stat.irq_line_changes);
	avcpu_vcpu_kick(vcpu);
	return 0;
}

/*
 * A raised line, a kick, or a timer level to report wake WFI.  A high
 * level already reported is the VMM's to act on (it may keep the
 * interrupt masked in its controller model): it does not keep waking the
 * vCPU.  A level that fell since it was reported is news: the VMM hears
 * of it before the vCPU sleeps, so it never sleeps on a stale level.
 */
static bool vcpu_should_wake(struct avcpu_vcpu *vcpu)
{
	return READ_ONCE(vcpu->lines) || READ_ONCE(vcpu->requests) ||
	       avcpu_timer_news(vcpu) ||
	       (avcpu_vgic_on(&vcpu->vm->vgic) && avcpu_vgic_pending(vcpu));
}

static enum hrtimer_restart wfi_timer_fired(struct hrtimer *t)
{
	struct avcpu_vcpu *vcpu = container_of(t, struct avcpu_vcpu,
					       wfi_timer);

	WRITE_ONCE(vcpu->wfi_expired, true);
	rcuwait_wake_up(&vcpu->wait);
	return HRTIMER_NORESTART;
}

/*
 * Watch the guest's timers while it sleeps: an hrtimer at the first
 * deadline.  Expired ones were reported already (vcpu_should_wake()).
 */
static void arm_wfi_timer(struct avcpu_vcpu *vcpu)
{
	u64 ns = avcpu_timer_wfi_ns(vcpu);

	WRITE_ONCE(vcpu->wfi_expired, false);
	if (ns)
		hrtimer_start(&vcpu->wfi_timer, ns_to_ktime(ns),
			      HRTIMER_MODE_REL);
}

/*
 * WFI (and PSCI CPU_SUSPEND): sleep until a line is raised, one of the
 * guest's timers fires, the vCPU is kicked, or a signal arrives.  An
 * hrtimer that fires a little before the guest's counter reaches the
 * deadline (they round differently) is simply armed again.  The wake-up
 * conditions are looked at once before each sleep (after the task state
 * is set, so no wake-up is lost) and once after it.  Only the RUN thread
 * ever waits, so the vCPU's wait is an rcuwait: a kick costs a barrier
 * and a wake_up_process(), no wait-queue lock.  Returns 1: the run loop
 * re-checks signals, power and the timer level before entering again;
 * vcpu->slept tells it the thread gave up the CPU.
 */
int avcpu_vcpu_block(struct avcpu_vcpu *vcpu)
{
	bool armed = false;

	prepare_to_rcuwait(&vcpu->wait);
	for (;;) {
		/* Pairs with the barrier in rcuwait_wake_up(). */
		set_current_state(TASK_INTERRUPTIBLE);
		if (vcpu_should_wake(vcpu) || signal_pending(current))
			break;
		if (!armed || READ_ONCE(vcpu->wfi_expired)) {
			arm_wfi_timer(vcpu);
			armed = true;
		}
		trace_avcpu_wfi_sleep(vcpu);
		vcpu->stat.wfi_sleeps++;
		schedule();
		vcpu->slept = true;
		trace_avcpu_wfi_wake(vcpu, signal_pending(current) ?
				    -ERESTARTSYS : 0);
		vcpu->stat.wfi_wakeups++;
	}
	finish_rcuwait(&vcpu->wait);
	if (armed)
		hrtimer_cancel(&vcpu->wfi_timer);
	return 1;
}

void avcpu_vcpu_irq_init(struct avcpu_vcpu *vcpu)
{
	rcuwait_init(&vcpu->wait);
	hrtimer_init(&vcpu->wfi_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	vcpu->wfi_timer.function = wfi_timer_fired;
	INIT_CSD(&vcpu->kick_csd, kick_noop, NULL);
	hrtimer_init(&vcpu->kick_retry, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	vcpu->kick_retry.function = kick_retry_fired;
	avcpu_timer_init(vcpu);
}

void avcpu_vcpu_irq_destroy(struct avcpu_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->kick_retry);
	hrtimer_cancel(&vcpu->wfi_timer);
	avcpu_timer_destroy(vcpu);
	/*
	 * The hrtimer is off, no new kick comes: wait until the target CPU
	 * is done with one still in flight (it unlocks the csd then).
	 */
	smp_cond_load_acquire(&vcpu->kick_csd.node.u_flags,
			      !(VAL & CSD_FLAG_LOCK));
}
