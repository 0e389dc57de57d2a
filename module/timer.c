// SPDX-License-Identifier: GPL-2.0
/*
 * The vCPU's generic timers: the virtual timer, which the guest programs
 * in the CPU (the world switch moves its registers), and the EL1 physical
 * timer, emulated here.  Each one's output (enabled, not masked, expired)
 * is reported to the VMM as a bit of avcpu_run.irq_level.
 *
 * Counters.  The guest's virtual counter is the physical count minus the
 * VM's offset (vm->cntvoff, in CNTVOFF_EL2 while it runs), near zero when
 * the VM is created.  Its physical counter is the host's, read directly,
 * not trapped: offset 0, as KVM gives its guests unless the VMM asks for
 * an offset.  Guest and VMM then share one clock (avcpu-bench times the
 * guest's first instruction with it), and a physical-timer deadline keeps
 * its meaning in any VM on the host.  Making CNTPCT read like CNTVCT
 * would take a trap on every read, or FEAT_ECV's CNTPOFF_EL2, which no
 * lab CPU has to test it on.
 *
 * The physical timer.  The CPU's EL1 physical timer is an nVHE host's own
 * clock, so the guest never gets it: CNTP_CTL_EL0, CNTP_CVAL_EL0 and
 * CNTP_TVAL_EL0 trap (CNTHCTL_EL2.EL1PCEN, or EL1PTEN with E2H) and are
 * emulated on the physical counter, the state kept in the vCPU's register
 * file.  While RUN runs, an hrtimer watches the deadline: when it passes,
 * the hrtimer kicks the vCPU (out of the guest, or out of WFI) and the run
 * loop reports the new level.  Its *_EL02 names exist only
 * for a guest with EL2, which avcpu's is not: they stay UNDEFINED.
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
 *
 * With the in-kernel GIC (vgic-cpu.c) the outputs are not reported: they
 * drive the vCPU's PPI 27 and PPI 30 lines, at the same points (before
 * each entry, and when a WFI sleep ends).  "Reported high" then means the
 * PPI line is high, and the same masking holds the host PPI for the
 * entries until the guest ends the interrupt: a level-sensitive PPI's
 * list register asks for an EOI maintenance interrupt, and at that exit
 * the run loop looks at the timer again.
 */
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/math64.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/percpu.h>
#include <clocksource/arm_arch_timer.h>
#include "avcpu.h"

/* An hrtimer is never armed for more than this many counter ticks. */
#define AVCPU_MAX_WAIT_TICKS	BIT_ULL(40)

/* A physical-timer kick that found its IPI busy is tried again after this. */
#define AVCPU_KICK_RETRY_NS	(50 * NSEC_PER_USEC)

static unsigned int vtimer_irq;
static bool vtimer_owned;
static int vtimer_hp_state = -1;
static DEFINE_PER_CPU(u8, vtimer_cookie);

/* The guest's virtual counter. */
static u64 vcounter(struct avcpu_vcpu *vcpu)
{
	return read_sysreg(cntpct_el0) - vcpu->vm->cntvoff;
}

/* The guest's physical counter: the host's (see above). */
static u64 pcounter(void)
{
	return read_sysreg(cntpct_el0);
}

static bool timer_armed(u64 ctl)
{
	return (ctl & ARCH_TIMER_CTRL_ENABLE) &&
	       !(ctl & ARCH_TIMER_CTRL_IT_MASK);
}

/* A timer's output: enabled, not masked, and its deadline reached. */
static bool timer_level(u64 ctl, u64 cval, u64 now)
{
	return timer_armed(ctl) && cval <= now;
}

/* Counter ticks to nanoseconds, rounded up. */
static u64 ticks_to_ns(u64 ticks)
{
	/* Firmware that left CNTFRQ_EL0 unset: assume 1 GHz, wake early. */
	u32 freq = read_sysreg(cntfrq_el0) ?: NSEC_PER_SEC;

	ticks = min(ticks, AVCPU_MAX_WAIT_TICKS);
	return mul_u64_u32_div(ticks, NSEC_PER_SEC, freq) + 1;
}

/*
 * Nanoseconds until a timer's output rises, or 0 if it will not rise by
 * itself: disabled, masked, or expired already.
 */
static u64 timer_wait_ns(u64 ctl, u64 cval, u64 now)
{
	if (!timer_armed(ctl) || cval <= now)
		return 0;
	return ticks_to_ns(cval - now);
}

/*
 * The timers' outputs now, as AVCPU_IRQ_LEVEL_* bits.  The counter is
 * read once for both, and not at all while neither timer is armed.
 */
static u64 timer_levels(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys, levels = 0, now;
	bool varmed = timer_armed(s[AVCPU_CNTV_CTL_EL0]);
	bool parmed = timer_armed(s[AVCPU_CNTP_CTL_EL0]);

	if (!varmed && !parmed)
		return 0;
	now = pcounter();
	if (varmed && s[AVCPU_CNTV_CVAL_EL0] <= now - vcpu->vm->cntvoff)
		levels |= AVCPU_IRQ_LEVEL_VTIMER;
	if (parmed && s[AVCPU_CNTP_CVAL_EL0] <= now)
		levels |= AVCPU_IRQ_LEVEL_PTIMER;
	return levels;
}

/*
 * The levels last given out: to the VMM in avcpu_run.irq_level, or with
 * the in-kernel GIC as PPI lines (vgic.timer_lines).
 */
static u64 told_levels(struct avcpu_vcpu *vcpu)
{
	if (avcpu_vgic_on(&vcpu->vm->vgic))
		return READ_ONCE(vcpu->vgic.timer_lines);
	return READ_ONCE(vcpu->run->irq_level) & AVCPU_TIMER_LEVELS;
}

/*
 * A timer's output differs from what was last given out: it rose, or
 * the guest re-armed or masked its timer since the last exit.
 */
bool avcpu_timer_news(struct avcpu_vcpu *vcpu)
{
	return timer_levels(vcpu) != told_levels(vcpu);
}

/*
 * With the in-kernel GIC the outputs drive the vCPU's PPIs 27 (virtual)
 * and 30 (physical): no exit to the VMM.
 */
static void timer_drive_ppis(struct avcpu_vcpu *vcpu, u64 levels)
{
	u32 changed = levels ^ vcpu->vgic.timer_lines;

	WRITE_ONCE(vcpu->vgic.timer_lines, levels);
	if (changed & AVCPU_IRQ_LEVEL_VTIMER)
		avcpu_vgic_inject(vcpu->vm, vcpu, AVCPU_VGIC_VTIMER_PPI,
				  levels & AVCPU_IRQ_LEVEL_VTIMER);
	if (changed & AVCPU_IRQ_LEVEL_PTIMER)
		avcpu_vgic_inject(vcpu->vm, vcpu, AVCPU_VGIC_PTIMER_PPI,
				  levels & AVCPU_IRQ_LEVEL_PTIMER);
}

/*
 * Bring avcpu_run.irq_level up to date with the timers' outputs; true if
 * it changed, which the run loop reports as AVCPU_EXIT_IRQ_LEVEL.  With
 * the in-kernel GIC the PPIs follow them instead, and it is false.  The
 * one place that decides whether a timer's level changed (called through
 * avcpu_timer_update_levels(), which skips the idle case).
 */
bool avcpu_timer_levels_update(struct avcpu_vcpu *vcpu)
{
	struct avcpu_run *run = vcpu->run;
	u64 levels = timer_levels(vcpu);

	if (avcpu_vgic_on(&vcpu->vm->vgic)) {
		if (levels != vcpu->vgic.timer_lines)
			timer_drive_ppis(vcpu, levels);
		return false;
	}
	if (levels == (run->irq_level & AVCPU_TIMER_LEVELS))
		return false;
	WRITE_ONCE(run->irq_level,
		   (run->irq_level & ~AVCPU_TIMER_LEVELS) | levels);
	return true;
}

/*
 * Nanoseconds until the first timer output rises by itself, or 0 if none
 * will: how long a WFI may sleep without looking at the timers again.
 */
u64 avcpu_timer_wfi_ns(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys, v, p;

	v = timer_wait_ns(s[AVCPU_CNTV_CTL_EL0], s[AVCPU_CNTV_CVAL_EL0],
			  vcounter(vcpu));
	p = timer_wait_ns(s[AVCPU_CNTP_CTL_EL0], s[AVCPU_CNTP_CVAL_EL0],
			  pcounter());
	if (!v || !p)
		return v | p;
	return min(v, p);
}

/*
 * The physical timer's deadline came while RUN runs: kick the vCPU so
 * the run loop reports the level (out of the guest, or out of WFI).  An
 * hrtimer that fired a little early (the counter and the hrtimer round
 * differently) is pushed to the deadline again; one whose timer was
 * re-armed or disabled meanwhile does nothing (ptimer_arm() follows).
 */
static enum hrtimer_restart ptimer_fired(struct hrtimer *t)
{
	struct avcpu_vcpu *vcpu = container_of(t, struct avcpu_vcpu, ptimer);
	u64 *s = vcpu->hyp->sys;
	u64 ctl = READ_ONCE(s[AVCPU_CNTP_CTL_EL0]);
	u64 cval = READ_ONCE(s[AVCPU_CNTP_CVAL_EL0]);
	u64 now = pcounter(), ns;

	ns = timer_wait_ns(ctl, cval, now);
	if (ns) {
		hrtimer_forward_now(t, ns_to_ktime(ns));
		return HRTIMER_RESTART;
	}
	if (!timer_level(ctl, cval, now) ||
	    (told_levels(vcpu) & AVCPU_IRQ_LEVEL_PTIMER))
		return HRTIMER_NORESTART;
	if (avcpu_vcpu_kick_async(vcpu)) {
		hrtimer_forward_now(t, ns_to_ktime(AVCPU_KICK_RETRY_NS));
		return HRTIMER_RESTART;
	}
	return HRTIMER_NORESTART;
}

/*
 * Stop watching the physical timer's deadline.  Only the vCPU's own
 * thread starts and cancels the hrtimer, so ptimer_started says whether
 * there is anything to cancel: a guest that does not use the physical
 * timer costs no hrtimer call on any RUN (avcpu_timer_put()).
 */
void avcpu_ptimer_stop(struct avcpu_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->ptimer);
	vcpu->ptimer_started = false;
}

/*
 * Watch the physical timer's deadline, if it has one in the future; the
 * hrtimer is stopped.  The caller checked the timer is armed.
 */
void avcpu_ptimer_start(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys, ns;

	ns = timer_wait_ns(s[AVCPU_CNTP_CTL_EL0], s[AVCPU_CNTP_CVAL_EL0],
			   pcounter());
	if (!ns)
		return;
	hrtimer_start(&vcpu->ptimer, ns_to_ktime(ns), HRTIMER_MODE_REL);
	vcpu->ptimer_started = true;
}

/* The guest changed its physical timer: follow the new deadline. */
static void ptimer_arm(struct avcpu_vcpu *vcpu)
{
	avcpu_timer_put(vcpu);
	avcpu_timer_load(vcpu);
}

/* A guest read of the physical timer (trapped, sysreg.c). */
u64 avcpu_ptimer_read(struct avcpu_vcpu *vcpu, enum avcpu_timer_reg reg)
{
	u64 cval = vcpu->hyp->sys[AVCPU_CNTP_CVAL_EL0];

	switch (reg) {
	case AVCPU_TIMER_CTL:
		return avcpu_ptimer_ctl(vcpu);
	case AVCPU_TIMER_CVAL:
		return cval;
	case AVCPU_TIMER_TVAL:
		/* TimerValue: (CVAL - count)[31:0], upper half RES0. */
		return lower_32_bits(cval - pcounter());
	}
	return 0;
}

/*
 * A guest write (trapped, sysreg.c).  TVAL sets the deadline that many
 * ticks from now, the value a signed 32-bit number.  The new state takes
 * effect at once: the hrtimer follows it and the run loop reports a
 * level it changed before the guest runs again.
 */
void avcpu_ptimer_write(struct avcpu_vcpu *vcpu, enum avcpu_timer_reg reg,
			u64 val)
{
	u64 *s = vcpu->hyp->sys;

	switch (reg) {
	case AVCPU_TIMER_CTL:
		val &= ARCH_TIMER_CTRL_ENABLE | ARCH_TIMER_CTRL_IT_MASK;
		WRITE_ONCE(s[AVCPU_CNTP_CTL_EL0], val);
		break;
	case AVCPU_TIMER_CVAL:
		WRITE_ONCE(s[AVCPU_CNTP_CVAL_EL0], val);
		break;
	case AVCPU_TIMER_TVAL:
		val = pcounter() + (s64)(s32)lower_32_bits(val);
		WRITE_ONCE(s[AVCPU_CNTP_CVAL_EL0], val);
		break;
	}
	ptimer_arm(vcpu);
}

/*
 * CNTP_CTL_EL0 as read: ISTATUS (the deadline reached) is computed, and
 * only for an enabled timer (it is UNKNOWN while ENABLE is clear).
 */
u64 avcpu_ptimer_ctl(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys, ctl = s[AVCPU_CNTP_CTL_EL0];

	if ((ctl & ARCH_TIMER_CTRL_ENABLE) &&
	    s[AVCPU_CNTP_CVAL_EL0] <= pcounter())
		ctl |= ARCH_TIMER_CTRL_IT_STAT;
	return ctl;
}

void avcpu_timer_init(struct avcpu_vcpu *vcpu)
{
	hrtimer_init(&vcpu->ptimer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	vcpu->ptimer.function = ptimer_fired;
}

void avcpu_timer_destroy(struct avcpu_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->ptimer);
}

/*
 * Before an entry, interrupts masked, the virtual timer's level reported
 * high (avcpu_vtimer_mask()): if it still is, keep its PPI from firing
 * while the guest runs.
 */
void avcpu_vtimer_mask_high(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys;

	if (!timer_level(s[AVCPU_CNTV_CTL_EL0], s[AVCPU_CNTV_CVAL_EL0],
			 vcounter(vcpu)))
		return;
	if (!vtimer_irq) {
		vcpu->hyp->cntv_ctl_force = ARCH_TIMER_CTRL_IT_MASK;
		return;
	}
	disable_percpu_irq(vtimer_irq);
	vcpu->vtimer_masked = true;
}

void avcpu_vtimer_unmask_ppi(struct avcpu_vcpu *vcpu)
{
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
