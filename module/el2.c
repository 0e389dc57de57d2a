// SPDX-License-Identifier: GPL-2.0
/*
 * nVHE hosts: take EL2 over from the kernel's hyp stub, run avcpu's EL2
 * image there, and give EL2 back.
 *
 * At load, the hyp image (.avcpu.hyp.text, bracketed by image-start.S and
 * image-end.S) is copied into physically contiguous pages and an
 * identity-mapped EL2 stage 1 is built for it, the per-CPU EL2 stacks and
 * the vCPU contexts.  Each CPU is then taken over (cpuhp): the stub's
 * VBAR_EL2 is read at EL2 through HVC_SOFT_RESTART, HVC_SET_VECTORS
 * installs avcpu's host vectors (any non-zero answer means another
 * hypervisor owns EL2: refuse), and AVCPU_HVC_INIT turns on the EL2 MMU.
 * A CPU going offline, and the module going away, get the stub back.
 */
#include <linux/cpu.h>
#include <linux/cpu_pm.h>
#include <linux/cpuhotplug.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <asm/cacheflush.h>
#include <asm/kvm_arm.h>
#include <asm/sysreg.h>
#include "avcpu.h"
#include "compat.h"
#include "hyp/nvhe-abi.h"

#define EL2_DESC_VALID		BIT_ULL(0)
#define EL2_DESC_TABLE		BIT_ULL(1)	/* or page at level 3 */
#define EL2_ATTR_NORMAL		(0ULL << 2)	/* MAIR_EL2 index 0 */
#define EL2_AP_RES1		BIT_ULL(6)	/* AP[1] is RES1 at EL2 */
#define EL2_AP_RO		BIT_ULL(7)
#define EL2_SH_INNER		(3ULL << 8)
#define EL2_AF			BIT_ULL(10)
#define EL2_XN			BIT_ULL(54)
#define EL2_ADDR_MASK		GENMASK_ULL(47, 12)
#define EL2_PTRS		(AVCPU_EL2_PAGE_SIZE / sizeof(u64))
#define EL2_STACK_ORDER		1

#define MAIR_EL2_VALUE		(0xffULL | (0x04ULL << 8))
/* 48-bit VA, 4 KiB granule, walks inner-shareable write-back cacheable. */
#define TCR_EL2_VALUE_BASE	(BIT_ULL(31) | BIT_ULL(23) | 16 | \
				 (1ULL << 8) | (1ULL << 10) | (3ULL << 12))

struct avcpu_el2 {
	void *image;			/* copy of the hyp image */
	unsigned int image_order;
	u64 *pgd;
	struct mutex pgd_lock;		/* EL2 page-table updates */
	void *stacks[NR_CPUS];
	/* EL2 reads these with its MMU off: linear-map memory, one per CPU. */
	struct avcpu_el2_init_params *params;
	u64 stub_vbar;
	enum cpuhp_state cpuhp;
	bool cpu_pm_registered;
};

static struct avcpu_el2 el2;
static DEFINE_PER_CPU(bool, avcpu_el2_owned);
/*
 * Set from the moment a CPU's offline callback gave EL2 back until it is
 * online again.  Tasks still on that CPU (they are pushed away at their
 * next schedule) must not take EL2 again there: a RUN reports "nothing
 * ran" and its loop moves on, and a TLB flush is made on another CPU.
 */
static DEFINE_PER_CPU(bool, avcpu_el2_dying);

static u64 el2_image_pa(const void *sym)
{
	return virt_to_phys(el2.image) + (sym - (void *)__avcpu_hyp_image_start);
}

/* hvc #0 with the hyp-stub calling convention: x2-x18 are clobbered. */
static u64 el2_hvc(u64 func, u64 a1, u64 a2)
{
	register u64 x0 asm("x0") = func;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;

	asm volatile("hvc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2)
		     :
		     : "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "x18",
		       "memory");
	return x0;
}

u64 avcpu_nvhe_call(u64 func, u64 a1)
{
	return el2_hvc(func, a1, 0);
}

static void el2_clean(void *va, size_t size)
{
	avcpu_dcache_clean_inval_poc(va, size);
}

static u64 el2_call_owned(u64 func, u64 a1, u64 a2);

static u64 *el2_table(u64 desc)
{
	return phys_to_virt(desc & EL2_ADDR_MASK);
}

/* Address bit at which a level's index starts (4 KiB granule). */
static unsigned int el2_level_shift(unsigned int level)
{
	return AVCPU_EL2_PAGE_SHIFT + (3 - level) * (AVCPU_EL2_PAGE_SHIFT - 3);
}

/*
 * Identity-map the host pages holding [pa, pa + size) at EL2, in 4 KiB
 * EL2 pages; tables take the first 4 KiB of a page each.  Caller holds
 * el2.pgd_lock.
 */
static int el2_map(phys_addr_t pa, size_t size, u64 attrs)
{
	phys_addr_t end = PAGE_ALIGN(pa + size);
	unsigned int level;
	u64 *table, *desc;

	for (pa &= PAGE_MASK; pa < end; pa += AVCPU_EL2_PAGE_SIZE) {
		table = el2.pgd;
		for (level = 0; level < 3; level++) {
			desc = &table[(pa >> el2_level_shift(level)) &
				      (EL2_PTRS - 1)];
			if (!(*desc & EL2_DESC_VALID)) {
				u64 *next = (u64 *)get_zeroed_page(GFP_KERNEL);

				if (!next)
					return -ENOMEM;
				el2_clean(next, AVCPU_EL2_PAGE_SIZE);
				WRITE_ONCE(*desc, virt_to_phys(next) |
					   EL2_DESC_VALID | EL2_DESC_TABLE);
				el2_clean(desc, sizeof(*desc));
			}
			table = el2_table(*desc);
		}
		desc = &table[(pa >> AVCPU_EL2_PAGE_SHIFT) & (EL2_PTRS - 1)];
		WRITE_ONCE(*desc, pa | EL2_DESC_VALID | EL2_DESC_TABLE |
			   EL2_ATTR_NORMAL | EL2_AP_RES1 | EL2_SH_INNER |
			   EL2_AF | attrs);
		el2_clean(desc, sizeof(*desc));
	}
	dsb(ishst);
	return 0;
}

static void el2_free_table(u64 *table, unsigned int level)
{
	unsigned int i;

	for (i = 0; level < 3 && i < EL2_PTRS; i++)
		if (table[i] & EL2_DESC_VALID)
			el2_free_table(el2_table(table[i]), level + 1);
	free_page((unsigned long)table);
}

/* Map a vCPU's EL2 context (one page). */
int avcpu_el2_map_vcpu(void *ctxt)
{
	int ret;

	if (avcpu_host.mode != AVCPU_HOST_NVHE)
		return 0;
	mutex_lock(&el2.pgd_lock);
	ret = el2_map(virt_to_phys(ctxt), PAGE_SIZE, EL2_XN);
	mutex_unlock(&el2.pgd_lock);
	return ret;
}

/* Remove one 4 KiB EL2 page.  Caller holds el2.pgd_lock. */
static void el2_unmap_page(phys_addr_t pa)
{
	u64 *table = el2.pgd, *desc;
	unsigned int level;

	for (level = 0; level <= 3; level++) {
		desc = &table[(pa >> el2_level_shift(level)) & (EL2_PTRS - 1)];
		if (!(*desc & EL2_DESC_VALID))
			return;
		if (level == 3) {
			WRITE_ONCE(*desc, 0);
			el2_clean(desc, sizeof(*desc));
			el2_call_owned(AVCPU_HVC_UNMAP_PAGE, pa, 0);
			return;
		}
		table = el2_table(*desc);
	}
}

/* Remove a vCPU's EL2 context from the EL2 map before the page is freed. */
void avcpu_el2_unmap_vcpu(void *ctxt)
{
	phys_addr_t pa = virt_to_phys(ctxt), end = pa + PAGE_SIZE;

	if (avcpu_host.mode != AVCPU_HOST_NVHE)
		return;
	mutex_lock(&el2.pgd_lock);
	for (; pa < end; pa += AVCPU_EL2_PAGE_SIZE)
		el2_unmap_page(pa);
	mutex_unlock(&el2.pgd_lock);
}

/*
 * Take EL2 over on this CPU.  Runs on the CPU itself, with preemption
 * disabled.  Returns 0 or a negative errno; on failure EL2 is left as it
 * was found.
 */
static int el2_install_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();
	struct avcpu_el2_init_params *params = &el2.params[cpu];
	u64 ret;

	if (avcpu_nvhe_call(AVCPU_HVC_PING, 0) == AVCPU_HVC_PONG) {
		per_cpu(avcpu_el2_owned, cpu) = true;
		return 0;
	}

	ret = el2_hvc(AVCPU_STUB_SET_VECTORS,
		      el2_image_pa(__avcpu_nvhe_host_vectors), 0);
	if (ret) {
		pr_err("avcpu: EL2 on CPU%u is owned by another hypervisor (HVC_SET_VECTORS returned %#llx: KVM in nVHE or protected mode?); refusing to load\n",
		       cpu, ret);
		return -EBUSY;
	}

	*params = (struct avcpu_el2_init_params) {
		.mair = MAIR_EL2_VALUE,
		.tcr = TCR_EL2_VALUE_BASE | ((u64)avcpu_host.pa_range << 16),
		.ttbr0 = virt_to_phys(el2.pgd),
		.sp = virt_to_phys(el2.stacks[cpu]) +
		      (PAGE_SIZE << EL2_STACK_ORDER),
	};
	el2_clean(params, sizeof(*params));
	ret = el2_hvc(AVCPU_HVC_INIT, virt_to_phys(params), 0);
	if (ret) {
		el2_hvc(AVCPU_STUB_RESET_VECTORS, 0, 0);
		pr_err("avcpu: EL2 initialisation failed on CPU%u (%#llx)\n",
		       cpu, ret);
		return -EIO;
	}
	per_cpu(avcpu_el2_owned, cpu) = true;
	return 0;
}

static void el2_release_this_cpu(void)
{
	unsigned int cpu = smp_processor_id();

	/* Only ever give back an EL2 that avcpu holds. */
	if (per_cpu(avcpu_el2_owned, cpu) &&
	    avcpu_nvhe_call(AVCPU_HVC_PING, 0) == AVCPU_HVC_PONG)
		el2_hvc(AVCPU_STUB_RESET_VECTORS, 0, 0);
	per_cpu(avcpu_el2_owned, cpu) = false;
}

static int el2_cpu_online(unsigned int cpu)
{
	int ret;

	preempt_disable();
	this_cpu_write(avcpu_el2_dying, false);
	ret = el2_install_this_cpu();
	preempt_enable();
	return ret;
}

static int el2_cpu_offline(unsigned int cpu)
{
	preempt_disable();
	this_cpu_write(avcpu_el2_dying, true);
	el2_release_this_cpu();
	preempt_enable();
	return 0;
}

/*
 * The reinstall path: after deep idle or suspend a CPU comes back with
 * the stub at EL2.  Also used by a vCPU run that finds avcpu's EL2 gone.
 * Preemption must be disabled.
 */
int avcpu_el2_reinstall_this_cpu(void)
{
	per_cpu(avcpu_el2_owned, smp_processor_id()) = false;
	return el2_install_this_cpu();
}

static int el2_cpu_pm_notify(struct notifier_block *nb, unsigned long action,
			     void *data)
{
	if ((action == CPU_PM_EXIT || action == CPU_PM_ENTER_FAILED) &&
	    !this_cpu_read(avcpu_el2_dying))
		avcpu_el2_reinstall_this_cpu();
	return NOTIFY_OK;
}

static struct notifier_block el2_cpu_pm_nb = {
	.notifier_call = el2_cpu_pm_notify,
};

/* Test hook: give EL2 back on this CPU as a CPU_PM entry would. */
void avcpu_el2_release_this_cpu(void)
{
	el2_release_this_cpu();
}

struct el2_call {
	u64 func, a1, a2, ret;
};

static void el2_call_here(void *data)
{
	struct el2_call *c = data;

	c->ret = el2_call_owned(c->func, c->a1, c->a2);
}

/*
 * An avcpu call on this CPU.  If EL2 was handed back meanwhile (kexec,
 * deep idle, a CPU_PM path we did not see), the stub answers HVC_STUB_ERR:
 * take EL2 again and repeat the call, unless this CPU is going offline
 * (avcpu_el2_dying).  There a RUN gets HVC_STUB_ERR back, and the TLB
 * calls, which broadcast, run on another online CPU.
 */
static u64 el2_call_owned(u64 func, u64 a1, u64 a2)
{
	struct el2_call c = { func, a1, a2, AVCPU_STUB_ERR };
	unsigned int other;
	u64 ret;

	preempt_disable();
	ret = el2_hvc(func, a1, a2);
	if (ret == AVCPU_STUB_ERR && !this_cpu_read(avcpu_el2_dying) &&
	    !avcpu_el2_reinstall_this_cpu())
		ret = el2_hvc(func, a1, a2);
	if (ret == AVCPU_STUB_ERR && this_cpu_read(avcpu_el2_dying) &&
	    func != AVCPU_HVC_RUN) {
		other = cpumask_any_but(cpu_online_mask, smp_processor_id());
		if (other < nr_cpu_ids &&
		    !smp_call_function_single(other, el2_call_here, &c, true))
			ret = c.ret;
	}
	preempt_enable();
	return ret;
}

/*
 * Called with interrupts disabled.  AVCPU_TRAP_NONE ("nothing ran") when
 * EL2 is not avcpu's on this CPU (it is going offline): the run loop
 * goes round again, and the scheduler moves the task to another CPU.
 */
u32 avcpu_nvhe_run(struct avcpu_hyp_vcpu *hv)
{
	u64 ret = el2_call_owned(AVCPU_HVC_RUN, virt_to_phys(hv), 0);

	return ret == AVCPU_STUB_ERR ? AVCPU_TRAP_NONE : ret;
}

void avcpu_nvhe_flush_vmid(u64 vttbr, u64 vtcr)
{
	el2_call_owned(AVCPU_HVC_FLUSH_VMID, vttbr, vtcr);
}

static void el2_free(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		if (el2.stacks[cpu])
			free_pages((unsigned long)el2.stacks[cpu],
				   EL2_STACK_ORDER);
		el2.stacks[cpu] = NULL;
	}
	if (el2.pgd)
		el2_free_table(el2.pgd, 0);
	el2.pgd = NULL;
	if (el2.image)
		free_pages((unsigned long)el2.image, el2.image_order);
	el2.image = NULL;
	kfree(el2.params);
	el2.params = NULL;
}

/* Read the stub's VBAR_EL2 at EL2 before anything replaces it. */
static void el2_capture_stub(void *unused)
{
	el2.stub_vbar = el2_hvc(AVCPU_STUB_SOFT_RESTART,
				el2_image_pa(__avcpu_nvhe_capture), 0);
}

int avcpu_el2_init(void)
{
	size_t size = __avcpu_hyp_image_end - __avcpu_hyp_image_start;
	u64 *stub_slot;
	unsigned int cpu;
	int ret;

	/*
	 * ADRP in the image is relative to its 4 KiB page (whatever the
	 * host's PAGE_SIZE): the copy, at the start of a page, keeps the
	 * offsets within 4 KiB pages.
	 */
	if (!IS_ALIGNED((unsigned long)__avcpu_hyp_image_start, SZ_4K)) {
		pr_err("avcpu: EL2 image is not 4 KiB aligned\n");
		return -ENOEXEC;
	}
	mutex_init(&el2.pgd_lock);
	el2.image_order = get_order(size);
	el2.image = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
					     el2.image_order);
	el2.pgd = (u64 *)get_zeroed_page(GFP_KERNEL);
	el2.params = kcalloc(nr_cpu_ids, sizeof(*el2.params), GFP_KERNEL);
	if (!el2.image || !el2.pgd || !el2.params) {
		ret = -ENOMEM;
		goto fail;
	}
	memcpy(el2.image, __avcpu_hyp_image_start, size);

	/*
	 * The image is code and constants only: EL2 reads it and executes
	 * it, never writes it (the one word the host patches in, the stub's
	 * VBAR_EL2, is written through the linear map before EL2 is taken
	 * over).  Read-only and executable at EL2; the stacks and vCPU
	 * contexts are the only writable pages, and they are never
	 * executable.
	 */
	mutex_lock(&el2.pgd_lock);
	ret = el2_map(virt_to_phys(el2.image), size, EL2_AP_RO);
	for_each_possible_cpu(cpu) {
		if (ret)
			break;
		el2.stacks[cpu] = (void *)__get_free_pages(GFP_KERNEL,
							   EL2_STACK_ORDER);
		if (!el2.stacks[cpu]) {
			ret = -ENOMEM;
			break;
		}
		ret = el2_map(virt_to_phys(el2.stacks[cpu]),
			      PAGE_SIZE << EL2_STACK_ORDER, EL2_XN);
	}
	mutex_unlock(&el2.pgd_lock);
	if (ret)
		goto fail;

	/* EL2 runs this copy with its MMU off first: it must be in the PoC. */
	el2_clean(el2.image, size);
	el2_clean(el2.pgd, PAGE_SIZE);
	caches_clean_inval_pou((unsigned long)el2.image,
			       (unsigned long)el2.image + size);

	/*
	 * KVM in nVHE mode keeps EL2 only while it has VMs and hands it back
	 * to the stub in between, so HVC_SET_VECTORS cannot tell whether it
	 * will want EL2 again; and it would treat HVC_SOFT_RESTART as "tear
	 * yourself down".  Once KVM has initialised, EL2 is KVM's: ask it
	 * nothing.
	 */
	if (avcpu_kvm_initialised()) {
		pr_err("avcpu: EL2 belongs to KVM on this nVHE host; boot with kvm-arm.mode=none to use avcpu\n");
		ret = -EBUSY;
		goto fail;
	}
	/* All CPUs share the stub, so one capture is enough. */
	ret = smp_call_function_single(cpumask_first(cpu_online_mask),
				       el2_capture_stub, NULL, true);
	if (ret)
		goto fail;
	stub_slot = el2.image + ((void *)&__avcpu_nvhe_stub_vbar -
				 (void *)__avcpu_hyp_image_start);
	*stub_slot = el2.stub_vbar;
	el2_clean(stub_slot, sizeof(*stub_slot));

	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "avcpu/el2:online",
				el2_cpu_online, el2_cpu_offline);
	if (ret < 0)
		goto fail;
	el2.cpuhp = ret;

	ret = cpu_pm_register_notifier(&el2_cpu_pm_nb);
	if (ret) {
		cpuhp_remove_state(el2.cpuhp);
		goto fail;
	}
	return 0;
fail:
	el2_free();
	return ret;
}

void avcpu_el2_exit(void)
{
	cpu_pm_unregister_notifier(&el2_cpu_pm_nb);
	cpuhp_remove_state(el2.cpuhp);
	el2_free();
}
