// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts as a vCPU sees them: the virtual IRQ and FIQ lines a VMM
 * drives (HCR_EL2.VI/VF), kicks that make a running vCPU leave the
 * guest, WFI sleeping, the virtual timer's output level, and the host's
 * virtual-timer PPI.
 *
 * The virtual-timer PPI: while a guest runs, its timer is the CPU's
 * virtual timer, so when it fires the PPI must pull the CPU out of the
 * guest.  KVM owns that PPI when it initialised (VHE hosts); with
 * kvm-arm.mode=none nobody does, and avcpu requests it.  When the timer's
 * level has been reported to the VMM and the guest is entered again with
 * it still high, the PPI is masked at the interrupt controller for that
 * entry only (as KVM does for a userspace irqchip), so the guest is not
 * pulled out again and again before it can acknowledge its timer.  On a
 * host whose device tree names no timer PPI (ACPI), the fallback keeps a
 * reported timer masked with CNTV_CTL_EL0.IMASK while the guest runs.
 */
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/math64.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/percpu.h>
#include <linux/sched/signal.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include "avcpu.h"
#include "trace.h"

/* A WFI sleep is never longer than this many counter ticks at once. */
#define AVCPU_MAX_SLEEP_TICKS	BIT_ULL(40)

static unsigned int vtimer_irq;
static bool vtimer_owned;
static int vtimer_hp_state = -1;
static DEFINE_PER_CPU(u8, vtimer_cookie);

static void kick_noop(void *unused)
{
}

/*
 * Make @vcpu look at its lines, power state and requests: wake it if it
 * sleeps, interrupt the guest if it runs.  Process context only.
 */
void avcpu_vcpu_kick(struct avcpu_vcpu *vcpu)
{
	int cpu, me;

	/* Whatever changed (lines, power) is visible before the request. */
	smp_mb__before_atomic();
	set_bit(0, &vcpu->requests);
	/* Order the request before reading in_guest; pairs with run.c. */
	smp_mb__after_atomic();
	wake_up_interruptible(&vcpu->wq);

	/*
	 * The run loop sets in_guest, then checks requests, with interrupts
	 * masked: either it sees the bit, or the IPI is pending when it
	 * enters the guest and makes it exit at once.
	 */
	cpu = READ_ONCE(vcpu->in_guest) - 1;
	me = get_cpu();
	if (cpu >= 0 && cpu != me)
		smp_call_function_single(cpu, kick_noop, NULL, 0);
	put_cpu();
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

static u64 guest_counter(struct avcpu_vcpu *vcpu)
{
	return read_sysreg(cntpct_el0) - vcpu->vm->cntvoff;
}

/* The virtual timer's output: enabled, not masked, and expired. */
bool avcpu_vtimer_level(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys;
	u64 ctl = s[AVCPU_CNTV_CTL_EL0];

	return (ctl & CNTV_CTL_ENABLE) && !(ctl & CNTV_CTL_IMASK) &&
	       s[AVCPU_CNTV_CVAL_EL0] <= guest_counter(vcpu);
}

/*
 * The timer's level differs from what the VMM was last told: it rose,
 * or the guest re-armed or masked its timer since the last exit.
 */
static bool vtimer_news(struct avcpu_vcpu *vcpu)
{
	return avcpu_vtimer_level(vcpu) !=
	       !!(vcpu->run->irq_level & AVCPU_IRQ_LEVEL_VTIMER);
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
	       vtimer_news(vcpu);
}

static enum hrtimer_restart wfi_timer_fired(struct hrtimer *t)
{
	struct avcpu_vcpu *vcpu = container_of(t, struct avcpu_vcpu,
					       wfi_timer);

	WRITE_ONCE(vcpu->wfi_expired, true);
	wake_up_interruptible(&vcpu->wq);
	return HRTIMER_NORESTART;
}

/* Watch the guest's timer while it sleeps: an hrtimer at its deadline. */
static void arm_wfi_timer(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys;
	u64 ctl = s[AVCPU_CNTV_CTL_EL0], now = guest_counter(vcpu), ticks, ns;
	u32 freq;

	WRITE_ONCE(vcpu->wfi_expired, false);
	/* Disabled, masked, or expired already (then reported): no wait. */
	if (!(ctl & CNTV_CTL_ENABLE) || (ctl & CNTV_CTL_IMASK) ||
	    s[AVCPU_CNTV_CVAL_EL0] <= now)
		return;
	ticks = min(s[AVCPU_CNTV_CVAL_EL0] - now, AVCPU_MAX_SLEEP_TICKS);
	/* Firmware that left CNTFRQ_EL0 unset: assume 1 GHz, wake early. */
	freq = read_sysreg(cntfrq_el0) ?: NSEC_PER_SEC;
	ns = mul_u64_u32_div(ticks, NSEC_PER_SEC, freq);
	hrtimer_start(&vcpu->wfi_timer, ns_to_ktime(ns + 1), HRTIMER_MODE_REL);
}

/*
 * WFI (and PSCI CPU_SUSPEND): sleep until a line is raised, the guest's
 * timer fires, the vCPU is kicked, or a signal arrives.  An hrtimer that
 * fires a little before the guest's counter reaches the deadline (they
 * round differently) is simply armed again.  Returns 1: the run loop
 * re-checks signals, power and the timer level before entering again.
 */
int avcpu_vcpu_block(struct avcpu_vcpu *vcpu)
{
	int ret;

	while (!vcpu_should_wake(vcpu)) {
		arm_wfi_timer(vcpu);
		trace_avcpu_wfi_sleep(vcpu);
		vcpu->stat.wfi_sleeps++;
		ret = wait_event_interruptible(vcpu->wq,
					       vcpu_should_wake(vcpu) ||
					       READ_ONCE(vcpu->wfi_expired));
		hrtimer_cancel(&vcpu->wfi_timer);
		trace_avcpu_wfi_wake(vcpu, ret);
		vcpu->stat.wfi_wakeups++;
		if (ret)
			break;
	}
	return 1;
}

void avcpu_vcpu_irq_init(struct avcpu_vcpu *vcpu)
{
	init_waitqueue_head(&vcpu->wq);
	hrtimer_init(&vcpu->wfi_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	vcpu->wfi_timer.function = wfi_timer_fired;
}

void avcpu_vcpu_irq_destroy(struct avcpu_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->wfi_timer);
}

/*
 * Before an entry, interrupts masked: with the timer's level already
 * reported high, keep its PPI from firing while the guest runs.
 */
void avcpu_vtimer_mask(struct avcpu_vcpu *vcpu)
{
	bool high = vcpu->run->irq_level & AVCPU_IRQ_LEVEL_VTIMER;

	vcpu->hyp->cntv_ctl_force = 0;
	if (!high || !avcpu_vtimer_level(vcpu))
		return;
	if (!vtimer_irq) {
		vcpu->hyp->cntv_ctl_force = CNTV_CTL_IMASK;
		return;
	}
	disable_percpu_irq(vtimer_irq);
	vcpu->vtimer_masked = true;
}

/* After the exit: the world switch left the timer masked in hardware. */
void avcpu_vtimer_unmask(struct avcpu_vcpu *vcpu)
{
	if (!vcpu->vtimer_masked)
		return;
	enable_percpu_irq(vtimer_irq, IRQ_TYPE_NONE);
	vcpu->vtimer_masked = false;
}

/* The exit already happened: the interrupt's work is done. */
static irqreturn_t vtimer_handler(int irq, void *cookie)
{
	return IRQ_HANDLED;
}

static int vtimer_cpu_up(unsigned int cpu)
{
	enable_percpu_irq(vtimer_irq, IRQ_TYPE_NONE);
	return 0;
}

static int vtimer_cpu_down(unsigned int cpu)
{
	disable_percpu_irq(vtimer_irq);
	return 0;
}

/* The Linux irq of the virtual-timer PPI, from the device tree. */
static unsigned int vtimer_find_irq(void)
{
	static const char * const compat[] = {
		"arm,armv8-timer", "arm,armv7-timer",
	};
	unsigned int i, irq = 0;

	for (i = 0; i < ARRAY_SIZE(compat) && !irq; i++) {
		struct device_node *np;

		np = of_find_compatible_node(NULL, NULL, compat[i]);
		if (!np)
			continue;
		/* interrupts: secure phys, phys, virt, hyp (binding order) */
		irq = irq_of_parse_and_map(np, 2);
		of_node_put(np);
	}
	return irq;
}

int avcpu_vtimer_init(void)
{
	int ret;

	vtimer_irq = vtimer_find_irq();
	if (!vtimer_irq) {
		pr_info("avcpu: no virtual timer PPI in the device tree; a reported guest timer is held with IMASK\n");
		return 0;
	}
	/* KVM may have it already, enabled on every CPU: use it as is. */
	if (irq_has_action(vtimer_irq))
		return 0;
	ret = request_percpu_irq(vtimer_irq, vtimer_handler, "avcpu-vtimer",
				 &vtimer_cookie);
	if (ret)
		return ret;
	vtimer_owned = true;
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "avcpu/vtimer:online",
				vtimer_cpu_up, vtimer_cpu_down);
	if (ret < 0) {
		free_percpu_irq(vtimer_irq, &vtimer_cookie);
		vtimer_owned = false;
		return ret;
	}
	vtimer_hp_state = ret;
	return 0;
}

void avcpu_vtimer_exit(void)
{
	if (!vtimer_owned)
		return;
	cpuhp_remove_state(vtimer_hp_state);
	free_percpu_irq(vtimer_irq, &vtimer_cookie);
	vtimer_owned = false;
}
