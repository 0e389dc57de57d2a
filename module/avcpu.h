/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu internals shared by the host-side files.
 *
 * Object model: a VM (struct avcpu_vm) is the guest physical address
 * space, its stage-2 tables, its VMID and the memory slots backing it.
 * A vCPU (struct avcpu_vcpu) is created alone and attached to one VM; it
 * holds a reference on it, so VM fds and vCPU fds close in any order.
 */
#ifndef __AVCPU_H__
#define __AVCPU_H__

#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/kref.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/rcuwait.h>
#include <linux/seqlock.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/avcpu.h>
#include <asm/sysreg.h>
#include "vgic.h"
#include "hyp/hyp.h"

#define AVCPU_MAX_VCPUS		64
#define AVCPU_MAX_SLOTS		32
#define AVCPU_MAX_FILTERS	16
#define AVCPU_MIN_IPA_BITS	32
#define AVCPU_DEFAULT_IPA_BITS	40

/* MPIDR_EL1 affinity fields, the bits a VMM chooses: Aff0-Aff2, Aff3. */
#define AVCPU_MPIDR_AFF_MASK	(GENMASK_ULL(23, 0) | GENMASK_ULL(39, 32))

/* Host facts gathered once at load (main.c). */
struct avcpu_host {
	u32 mode;		/* AVCPU_HOST_VHE / AVCPU_HOST_NVHE */
	u32 max_ipa_bits;
	u32 vmid_bits;
	u32 pa_range;		/* VTCR_EL2.PS encoding for max_ipa_bits */
	u32 dline;		/* smallest D-cache line, bytes (CTR_EL0) */
	bool fwb;		/* FEAT_S2FWB: stage 2 forces write-back */
	bool kvm;		/* KVM initialised (it shares the VMIDs) */
};

extern struct avcpu_host avcpu_host;

/* Events of paths QEMU cannot show, for tests (debugfs.c). */
struct avcpu_stats {
	atomic_t sw_flushes;	/* set/way ops that cleaned guest memory */
	atomic_t vm_reg_traps;	/* VM-register writes emulated (TVM) */
	atomic_t cache_toggles;	/* SCTLR_EL1.M/C toggles that cleaned */
	atomic_t reset_unmaps;	/* vCPU resets that unmapped stage 2 */
	/*
	 * Pages held for VMs and vCPUs (stage-2 tables and roots, each
	 * vCPU's EL2 context and run pages): back to where it was once
	 * every VM and vCPU is gone, which avcpu-fuzz checks.  kmemleak
	 * cannot see page allocations.
	 */
	atomic_t pages_held;
};

extern struct avcpu_stats avcpu_stats;

/*
 * Per-VM counters (AVCPU_GET_STATS_FD, stats.c), written under vm->lock.
 * The instant values (vCPUs, slots, tables) are read from the VM itself.
 */
struct avcpu_vm_stat {
	u64 s2_faults;		/* faults that mapped slot memory */
	u64 s2_mapped_bytes;	/* stage-2 bytes those faults mapped */
};

/*
 * Per-vCPU counters, each a plain u64 only the thread in RUN writes
 * (stats.c reads them with READ_ONCE); irq_line_changes comes from
 * AVCPU_IRQ_LINE, which any thread may call.
 */
struct avcpu_vcpu_stat {
	u64 exits;		/* every exit from the guest */
	u64 exit_irq;		/* host IRQ/FIQ while in the guest */
	u64 exit_serror;
	u64 exit_hvc;		/* synchronous exits, by class */
	u64 exit_smc;
	u64 exit_dabt;
	u64 exit_iabt;
	u64 exit_sysreg;
	u64 exit_wfx;
	u64 exit_fp;
	u64 exit_other;		/* UNDEF, SVE, SME, PAC, unknown classes */
	u64 user_exits;		/* RUN returned to the VMM */
	u64 signal_exits;	/* RUN returned -EINTR */
	u64 mmio_reads;
	u64 mmio_writes;
	u64 hypercalls;		/* HVC/SMC the host saw */
	u64 hypercall_exits;	/* ... that went to the VMM */
	u64 sysreg_exits;	/* AVCPU_EXIT_SYSREG */
	u64 wfi_sleeps;
	u64 wfi_wakeups;
	u64 s2_faults;
	u64 s2_mapped_bytes;
	u64 irq_injections;	/* entries with VI/VF newly raised */
	u64 irq_level_exits;	/* AVCPU_EXIT_IRQ_LEVEL */
	atomic64_t irq_line_changes;
};

/*
 * A memory slot.  Changed with both vm->lock and vm->mmu_lock held, so
 * either lock gives a stable view.  Unpinned slots (the default) follow
 * the VMM's mapping of @uaddr through the VM's MMU notifier (mmu.c);
 * pinned ones (AVCPU_MEM_PINNED) hold @pages for their lifetime.
 */
struct avcpu_memslot {
	u64 gpa;
	u64 size;		/* 0: slot unused */
	u64 uaddr;
	u32 flags;
	unsigned long npages;	/* host pages */
	struct page **pages;	/* AVCPU_MEM_PINNED: pinned, else NULL */
	unsigned long *dirty;	/* AVCPU_MEM_LOG_DIRTY: one bit a page */
};

/* Stage-2 tables set aside before vm->mmu_lock is taken (stage2.c). */
#define AVCPU_S2_CACHE_PAGES	8
#define AVCPU_S2_CACHE_MIN	4	/* a walk to level 3, and one more */

struct avcpu_s2_cache {
	unsigned int nr;
	void *tables[AVCPU_S2_CACHE_PAGES];
};

/* Stage-2 permissions of a mapping: read and execute, or also write. */
#define AVCPU_S2_WRITE		BIT(0)

struct avcpu_smccc_range {
	u32 base;
	u32 nr;
	u8 action;
};

struct avcpu_stage2 {
	u64 *pgd;		/* root table(s), concatenated if needed */
	unsigned int pgd_order;
	unsigned int start_level;
	u64 vtcr;
	u64 vttbr;
	unsigned long nr_tables;
};

struct avcpu_vm {
	struct kref kref;
	struct mutex lock;	/* slots, filters, vcpus */
	/*
	 * Stage-2 tables, slot contents and dirty bitmaps.  Taken by the MMU
	 * notifier, maybe from reclaim or the OOM reaper, which must not
	 * wait for anything that sleeps: a spinlock, and nothing allocates
	 * memory or touches user memory while holding it.
	 */
	spinlock_t mmu_lock;
	spinlock_t mmu_seq_lock;	/* mmu_seq, mmu_invalidating */
	struct mmu_notifier mn;
	struct mm_struct *mm;	/* the VMM's, whose mappings back slots */
	unsigned long mmu_seq;	/* completed invalidations */
	unsigned int mmu_invalidating;	/* invalidations under way */
	unsigned long slots_gen;	/* slot changes (WRITE_ONCE, mmu_lock) */
	unsigned long slots_used;	/* BIT(i): slots[i].size != 0 */
	u32 ipa_bits;
	u16 vmid;
	u64 cntvoff;
	struct avcpu_stage2 s2;
	struct avcpu_memslot slots[AVCPU_MAX_SLOTS];
	struct avcpu_smccc_range filters[AVCPU_MAX_FILTERS];
	unsigned int nr_filters;
	bool fast_smccc;	/* no filter claims the EL2-answered calls */
	struct avcpu_vcpu *vcpus[AVCPU_MAX_VCPUS];	/* attached ones */
	unsigned int nr_vcpus;
	/* Around a detach's move in vcpus[], for lockless walks (SGIs). */
	seqcount_mutex_t vcpus_seq;
	/*
	 * With the in-kernel GIC, vCPUs whose fd was closed: out of vcpus[],
	 * kept until the VM goes (an interrupt's target or an SGI sender may
	 * still hold a pointer to one).  Under lock.
	 */
	struct list_head closed_vcpus;
	pid_t pid;		/* creator, for the stats id */
	struct avcpu_vm_stat stat;
	struct avcpu_vgic vgic;	/* in-kernel GICv3, if created */
};

/* What the next RUN must complete before entering the guest. */
enum avcpu_pending {
	AVCPU_PENDING_NONE,
	AVCPU_PENDING_MMIO_READ,	/* load run->mmio.data into a GPR */
	AVCPU_PENDING_HYPERCALL,	/* load run->hypercall.x into x0-x7 */
	AVCPU_PENDING_SYSREG,		/* complete an MSR/MRS the VMM handled */
	AVCPU_PENDING_MMIO_INSN,	/* next access of an emulated one */
};

/* avcpu_vcpu.requests: work the run loop does before the next entry */
#define AVCPU_REQ_KICK		BIT(0)	/* re-evaluate lines and power */

/* Power state (PSCI), under avcpu_vcpu.power_lock. */
struct avcpu_power {
	bool off;		/* CPU_OFF, created off, or a system event */
	bool on_pending;	/* CPU_ON accepted, not yet applied */
	u64 on_pc;
	u64 on_ctx;
	bool on_be;		/* the CPU_ON caller ran big-endian at EL1 */
	u32 system_event;	/* AVCPU_SYSTEM_* the VM stopped for, or 0 */
};

struct avcpu_mmio_decode {
	u8 len;
	u8 rt;
	bool sign_extend;
	bool sixty_four;
	bool big_endian;
};

/* A load or store decoded from its instruction word (ldst.c). */
struct avcpu_ldst {
	u8 rt;
	u8 rt2;			/* pairs */
	u8 rn;			/* base; 31 is SP */
	u8 rm;			/* register offset; 31 is XZR */
	u8 option;		/* register offset: UXTW/LSL/SXTW/SXTX */
	u8 shift;		/* register offset: LSL amount */
	u8 esize;		/* bytes per register: 1, 2, 4, 8 or 16 */
	u8 nelem;		/* registers: 1, or 2 for a pair */
	bool load;
	bool simd;		/* Bt/Ht/St/Dt/Qt, else Wt/Xt */
	bool sign;		/* sign-extend a general-purpose load */
	bool dst64;		/* general-purpose load into Xt */
	bool wback;		/* pre- or post-index: base updated */
	bool postindex;		/* access at the base, before the offset */
	bool literal;		/* PC-relative, no base register */
	bool reg_offset;	/* offset from Rm, else @imm */
	s64 imm;		/* byte offset */
};

/*
 * An ISV=0 access being emulated (mmio.c): the whole transfer in memory
 * order, handed to the VMM one access at a time.
 */
struct avcpu_mmio_insn {
	struct avcpu_ldst op;
	u64 ipa;		/* first byte */
	u64 new_base;		/* written back to Rn at the end */
	u8 buf[32];		/* at most a pair of Q registers */
	u8 len;			/* bytes per access: at most 8 */
	u8 nr;			/* accesses */
	u8 step;		/* the access the VMM has now */
	bool big_endian;
};

/* Guest FP/SIMD registers (fpsimd-regs.S knows this layout). */
struct avcpu_fp_regs {
	__uint128_t v[32];
	u32 fpsr;
	u32 fpcr;
} __aligned(16);

struct avcpu_vcpu {
	struct avcpu_hyp_vcpu *hyp;
	struct avcpu_run *run;
	struct avcpu_vm *vm;		/* set once by AVCPU_SET_VM */
	struct list_head closed_node;	/* on vm->closed_vcpus */
	struct mutex lock;		/* attach, registers, run */
	u64 mpidr;
	u64 dtb_addr;			/* x0 at creation and reset */
	u64 entry_pc;			/* AVCPU_SET_ENTRY, for reset */
	bool created_off;		/* AVCPU_VCPU_POWER_OFF */
	enum avcpu_pending pending;
	pid_t pid;			/* creator, for the stats id */
	bool exit_advanced;		/* last exit moved the PC past an
					 * access the VMM now handles
					 */
	u64 rewind_pc;			/* where that access was, and its */
	u64 rewind_pstate;		/* ITSTATE, for a VMM that refuses it */
	bool exit_abort;		/* the last exit reported a guest abort:
					 * its ESR_EL2 and FAR_EL2 are still in
					 * hyp->esr and ->far, until the next
					 * RUN (AVCPU_INJECT_EXIT_ABORT)
					 */
	struct avcpu_mmio_decode mmio;
	struct avcpu_mmio_insn mmio_insn;
	struct avcpu_s2_cache s2_cache;	/* tables for the next fault */
	struct page **fault_pages;	/* a fault's page references (mmu.c) */
	/* The last IPA page no slot backed + 1 (0: none), and when (mmu.c). */
	u64 nomem_pfn;
	unsigned long nomem_gen;
	u8 fetch_retries;		/* ISV=0 fetches that failed in a row */
	u64 sysreg_rt;			/* pending MRS target */
	bool trap_vm;			/* HCR_EL2.TVM: set/way ops seen with
					 * no FWB, until the caches are on
					 */
	atomic_t running;		/* inside RUN: a second RUN is EBUSY */

	/* Set from any thread; the run loop acts on them. */
	unsigned long lines;		/* BIT(AVCPU_LINE_*) raised */
	unsigned long requests;		/* AVCPU_REQ_* */
	struct rcuwait wait;		/* WFI and power-off sleep here */
	struct hrtimer wfi_timer;	/* guest timer deadline while asleep */
	bool wfi_expired;		/* wfi_timer fired */
	bool slept;			/* WFI gave up the CPU (run loop) */
	struct hrtimer ptimer;		/* physical timer deadline, in RUN */
	bool ptimer_started;		/* ptimer started since last cancel */
	call_single_data_t kick_csd;	/* the ptimer's kick IPI (irq.c) */
	struct hrtimer kick_retry;	/* a busy asynchronous kick again */
	spinlock_t power_lock;
	struct avcpu_power power;

	/*
	 * VHE: the guest's EL1&0 registers stay in the CPU during a RUN
	 * (run.c).  Only the vCPU's thread in RUN touches these.
	 */
	struct preempt_notifier el1_pn;	/* registered during RUN */
	bool el1_loaded;		/* in this CPU: hyp->sys is stale */
	bool el1_reload;		/* put by sched_out: load at sched_in */
	u64 el1_tag;			/* left in TPIDR_EL1 by the last put */
	u64 el1_tag_key;		/* random, for the tags of its puts */
	u64 el1_tag_seq;

	struct avcpu_fp_regs fp;
	bool fp_used;			/* guest touched FP/SIMD this RUN */
	bool vtimer_masked;		/* host PPI masked for this entry */
	int spectre_cpu;		/* hyp's exit hardening is this CPU's
					 * (its number + 1), or 0
					 */
	int in_guest;			/* between entry and exit */
	struct avcpu_vcpu_stat stat;
	struct avcpu_vgic_cpu vgic;	/* its part of the in-kernel GIC */
};

/* vm.c */
int avcpu_create_vm(struct avcpu_vm_create __user *uarg);
struct avcpu_vm *avcpu_vm_from_fd(int fd);
void avcpu_vm_put(struct avcpu_vm *vm);
struct avcpu_memslot *avcpu_vm_find_slot(struct avcpu_vm *vm, u64 gpa);
u8 avcpu_vm_smccc_action(struct avcpu_vm *vm, u32 func);
void avcpu_vm_unmap_all(struct avcpu_vm *vm);
void avcpu_vm_clean_page(struct avcpu_vm *vm, u64 ipa);

/* stage2.c */
int avcpu_s2_init(struct avcpu_vm *vm);
void avcpu_s2_destroy(struct avcpu_vm *vm);
int avcpu_s2_cache_topup(struct avcpu_s2_cache *c);
void avcpu_s2_cache_free(struct avcpu_s2_cache *c);
int avcpu_s2_map_pinned(struct avcpu_vm *vm, struct avcpu_s2_cache *c,
			struct avcpu_memslot *slot, u64 ipa, unsigned int prot,
			u64 *mapped);
int avcpu_s2_map_pages(struct avcpu_vm *vm, struct avcpu_s2_cache *c,
		       u64 ipa, struct page **pages, unsigned int n,
		       unsigned int prot);
bool avcpu_s2_gib_blocks(struct avcpu_vm *vm);
int avcpu_s2_map_block(struct avcpu_vm *vm, struct avcpu_s2_cache *c,
		       u64 ipa, phys_addr_t pa, u64 size, unsigned int prot);
void avcpu_s2_unmap_range(struct avcpu_vm *vm, u64 ipa, u64 size);
bool avcpu_s2_wrprotect(struct avcpu_vm *vm, u64 ipa, u64 size);
bool avcpu_s2_mapped(struct avcpu_vm *vm, u64 ipa);
bool avcpu_s2_wrprotect_mask(struct avcpu_vm *vm, u64 ipa, u64 mask);
u64 *avcpu_s2_page(struct avcpu_vm *vm, u64 ipa);
phys_addr_t avcpu_s2_pa(u64 *entry);
void avcpu_s2_relax_write(u64 *entry);
bool avcpu_s2_age(struct avcpu_vm *vm, u64 ipa, u64 size, bool clear);
void avcpu_s2_clean_page(struct avcpu_vm *vm, u64 ipa);
void avcpu_s2_flush(struct avcpu_vm *vm);

/* mmu.c */
int avcpu_mmu_init(struct avcpu_vm *vm);
void avcpu_mmu_destroy(struct avcpu_vm *vm);
int avcpu_mmu_fault_slots(struct avcpu_vcpu *vcpu, u64 ipa, u64 esr);

/*
 * A stage-2 abort at @ipa.  Returns 1 to re-enter the guest (mapped, or
 * raced with the host and to be retried by the guest's next access), or
 * -errno: for a page the VMM's mapping cannot give, -EFAULT with
 * AVCPU_EXIT_MEMORY_FAULT; -ENOENT when no slot backs @ipa; -EROFS for
 * a fault on a slot that is the guest's or the VMM's business (a
 * read-only slot's permission fault, another fault status).
 *
 * Most often MMIO, and the same page as the last time: no slot there
 * while the slots did not change (vcpu->nomem_pfn, set by mmu.c).  A
 * slot added meanwhile on another CPU is seen at the next fault, as if
 * this one had come just before it; a RUN that the VMM orders after the
 * registration (the same thread, or one it synchronised with) sees it.
 */
static inline int avcpu_mmu_fault(struct avcpu_vcpu *vcpu, u64 ipa, u64 esr)
{
	if ((ipa >> PAGE_SHIFT) + 1 == vcpu->nomem_pfn &&
	    READ_ONCE(vcpu->vm->slots_gen) == vcpu->nomem_gen)
		return -ENOENT;
	return avcpu_mmu_fault_slots(vcpu, ipa, esr);
}

int avcpu_mmu_read_guest(struct avcpu_vm *vm, u64 ipa, void *buf,
			 size_t len);
long avcpu_dirty_log_ioctl(struct avcpu_vm *vm, unsigned int cmd,
			   void __user *uarg);
void avcpu_dcache_clean_inval_poc(void *addr, size_t size);

/* psci.c */
int avcpu_smccc_call(struct avcpu_vcpu *vcpu);
bool avcpu_vcpu_powered_off(struct avcpu_vcpu *vcpu, u32 *event);

/* spectre.c */
struct seq_file;
int avcpu_spectre_init(void);
void avcpu_spectre_exit(void);
void avcpu_spectre_load(struct avcpu_hyp_vcpu *hv);
long avcpu_spectre_answer(u32 func);
int avcpu_spectre_show(struct seq_file *m, void *unused);

/*
 * Slot memory comes from the VMM's address space, which the VM's MMU
 * notifier follows: only the process that created the VM may register
 * memory or run its vCPUs (as with KVM).
 */
static inline int avcpu_vm_check_mm(struct avcpu_vm *vm)
{
	return current->mm == vm->mm ? 0 : -EIO;
}

/* irq.c */
void avcpu_vcpu_kick(struct avcpu_vcpu *vcpu);
int avcpu_vcpu_kick_async(struct avcpu_vcpu *vcpu);
void avcpu_vcpu_kick_atomic(struct avcpu_vcpu *vcpu);
int avcpu_vcpu_irq_line(struct avcpu_vcpu *vcpu, void __user *uarg);
int avcpu_vcpu_block(struct avcpu_vcpu *vcpu);
int avcpu_vcpu_wait_power(struct avcpu_vcpu *vcpu);

/*
 * Whether avcpu_vcpu_wait_power() has anything to do, read without the
 * lock.  Whoever changes another vCPU's power state kicks it afterwards,
 * and the run loop reads this after clearing its request bit: a change
 * missed here stops the entry (enter_guest()) and is seen on the next
 * pass.
 */
static inline bool avcpu_vcpu_power_news(struct avcpu_vcpu *vcpu)
{
	struct avcpu_power *p = &vcpu->power;

	return READ_ONCE(p->off) || READ_ONCE(p->on_pending) ||
	       READ_ONCE(p->system_event);
}

void avcpu_vcpu_irq_init(struct avcpu_vcpu *vcpu);
void avcpu_vcpu_irq_destroy(struct avcpu_vcpu *vcpu);

/* timer.c */
enum avcpu_timer_reg {
	AVCPU_TIMER_TVAL,
	AVCPU_TIMER_CTL,
	AVCPU_TIMER_CVAL,
};

void avcpu_timer_init(struct avcpu_vcpu *vcpu);
void avcpu_timer_destroy(struct avcpu_vcpu *vcpu);
void avcpu_ptimer_start(struct avcpu_vcpu *vcpu);
void avcpu_ptimer_stop(struct avcpu_vcpu *vcpu);
bool avcpu_timer_news(struct avcpu_vcpu *vcpu);
bool avcpu_timer_levels_update(struct avcpu_vcpu *vcpu);
u64 avcpu_timer_wfi_ns(struct avcpu_vcpu *vcpu);
u64 avcpu_ptimer_read(struct avcpu_vcpu *vcpu, enum avcpu_timer_reg reg);
void avcpu_ptimer_write(struct avcpu_vcpu *vcpu, enum avcpu_timer_reg reg,
			u64 val);
u64 avcpu_ptimer_ctl(struct avcpu_vcpu *vcpu);
int avcpu_vtimer_init(void);
void avcpu_vtimer_exit(void);
void avcpu_vtimer_mask_high(struct avcpu_vcpu *vcpu);
void avcpu_vtimer_unmask_ppi(struct avcpu_vcpu *vcpu);

/*
 * Before an entry, interrupts masked: with the virtual timer's level
 * already given out high, keep its PPI from firing while the guest runs
 * (timer.c).  Nothing to call while it is low.
 */
static inline void avcpu_vtimer_mask(struct avcpu_vcpu *vcpu)
{
	vcpu->hyp->cntv_ctl_force = 0;
	/* Reported to the VMM, or driving PPI 27 of the in-kernel GIC. */
	if ((READ_ONCE(vcpu->run->irq_level) |
	     READ_ONCE(vcpu->vgic.timer_lines)) & AVCPU_IRQ_LEVEL_VTIMER)
		avcpu_vtimer_mask_high(vcpu);
}

/*
 * The in-kernel GIC's list registers before an entry, called after the
 * run loop published in_guest and found no request: an interrupt queued
 * after the lockless look at an empty list kicks the vCPU, whose IPI
 * makes the guest exit as soon as it arrives (an asynchronous kick
 * whose IPI is still in flight retries within 20 us, irq.c).  Nothing
 * queued, nothing to fill.
 */
static inline void avcpu_vgic_flush(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vgic *hv = &vcpu->hyp->vgic;

	if (!list_empty(&vcpu->vgic.ap_list)) {
		avcpu_vgic_flush_lrs(vcpu);
		return;
	}
	hv->hcr = 0;
	hv->used_lrs = 0;
	vcpu->vgic.used_lrs = 0;
}

/*
 * A vCPU of @vm is about to enter its guest: from then on the irqchip
 * cannot be created.  A load once set.
 */
static inline void avcpu_vgic_note_run(struct avcpu_vm *vm)
{
	if (!READ_ONCE(vm->vgic.ran))
		avcpu_vgic_mark_ran(vm);
}

/* After the exit: nothing to read back if no list register was used. */
static inline void avcpu_vgic_sync(struct avcpu_vcpu *vcpu)
{
	if (vcpu->vgic.used_lrs ||
	    (vcpu->hyp->vgic.hcr & AVCPU_VGIC_HCR_EOICOUNT))
		avcpu_vgic_sync_lrs(vcpu);
}

/* After the exit: the world switch left the timer masked in hardware. */
static inline void avcpu_vtimer_unmask(struct avcpu_vcpu *vcpu)
{
	if (vcpu->vtimer_masked)
		avcpu_vtimer_unmask_ppi(vcpu);
}

/* inject.c */
void avcpu_inject_undef(struct avcpu_vcpu *vcpu);
int avcpu_vcpu_inject(struct avcpu_vcpu *vcpu, void __user *uarg);

/* sysreg.c */
int avcpu_handle_sysreg(struct avcpu_vcpu *vcpu);
void avcpu_sysreg_complete(struct avcpu_vcpu *vcpu);

/* fpsimd.c, fpsimd-regs.S */
void avcpu_fp_save_regs(struct avcpu_fp_regs *fp);
void avcpu_fp_load_regs(const struct avcpu_fp_regs *fp);
void avcpu_fp_enter(struct avcpu_vcpu *vcpu);
void avcpu_fp_put(struct avcpu_vcpu *vcpu);
int avcpu_handle_fp_trap(struct avcpu_vcpu *vcpu);

/* vmid.c */
int avcpu_vmid_alloc(void);
void avcpu_vmid_free(int vmid);

/* vcpu.c */
int avcpu_create_vcpu(struct avcpu_vcpu_create __user *uarg);
void avcpu_vcpu_free_closed(struct avcpu_vm *vm);

/* regs.c */
int avcpu_vcpu_get_one_reg(struct avcpu_vcpu *vcpu, void __user *uarg);
int avcpu_vcpu_set_one_reg(struct avcpu_vcpu *vcpu, void __user *uarg);
int avcpu_vcpu_get_reg_list(struct avcpu_vcpu *vcpu, void __user *uarg);
void avcpu_vcpu_reset_regs(struct avcpu_vcpu *vcpu, u64 pc, u64 x0);

/* el2.c: nVHE hosts only */
int avcpu_el2_init(void);
void avcpu_el2_exit(void);
int avcpu_el2_map_vcpu(void *ctxt);
void avcpu_el2_unmap_vcpu(void *ctxt);
int avcpu_el2_reinstall_this_cpu(void);
void avcpu_el2_release_this_cpu(void);
u64 avcpu_nvhe_call(u64 func, u64 a1);
u32 avcpu_nvhe_run(struct avcpu_hyp_vcpu *hv);
void avcpu_nvhe_flush_vmid(u64 vttbr, u64 vtcr);

/*
 * The host's way into EL2 code: a plain call on VHE (the kernel is at
 * EL2 already), an HVC into avcpu's EL2 image on nVHE.
 */
static inline u32 avcpu_enter_guest(struct avcpu_hyp_vcpu *hv)
{
	if (avcpu_host.mode == AVCPU_HOST_VHE)
		return avcpu_hyp_vcpu_run(hv);
	return avcpu_nvhe_run(hv);
}

/*
 * Invalidate a VM's stage-1&2 TLB entries on every CPU.  Its VTCR goes
 * with its VTTBR: VTCR_EL2.VS decides whether VMID[15:8] is used.
 */
static inline void avcpu_flush_vmid(const struct avcpu_stage2 *s2)
{
	/* Table updates are seen by walkers before the invalidation. */
	dsb(ishst);
	if (avcpu_host.mode == AVCPU_HOST_VHE)
		avcpu_hyp_flush_vmid(s2->vttbr, s2->vtcr);
	else
		avcpu_nvhe_flush_vmid(s2->vttbr, s2->vtcr);
}

/* stats.c */
struct file;
int avcpu_vm_stats_fd(struct avcpu_vm *vm, unsigned long arg);
int avcpu_vcpu_stats_fd(struct avcpu_vcpu *vcpu, struct file *vcpu_file,
			unsigned long arg);

/* debugfs.c */
void avcpu_debugfs_init(void);
void avcpu_debugfs_exit(void);

/* After each exit: the guest's FP/SIMD registers back to memory, if used. */
static inline void avcpu_fp_exit(struct avcpu_vcpu *vcpu)
{
	if (vcpu->hyp->hyp_flags & AVCPU_HYP_FP_LOADED)
		avcpu_fp_put(vcpu);
}

/* run.c */
int avcpu_vcpu_run(struct avcpu_vcpu *vcpu);
void __init avcpu_run_init(void);
void avcpu_run_exit(void);
void avcpu_vcpu_el1_init(struct avcpu_vcpu *vcpu);
void avcpu_vcpu_el1_sync(struct avcpu_vcpu *vcpu);

/*
 * The guest's SCTLR_EL1 as it is now, from the CPU while its EL1 state
 * is loaded there (VHE, in RUN).  A preemption in between loads it again
 * on the CPU this thread resumes on before it resumes (run.c).
 */
static inline u64 avcpu_vcpu_sctlr(struct avcpu_vcpu *vcpu)
{
	if (READ_ONCE(vcpu->el1_loaded))
		return read_sysreg_s(SYS_SCTLR_EL12);
	return vcpu->hyp->sys[AVCPU_SCTLR_EL1];
}

/* exit.c: >0 re-enter the guest, 0 return to userspace, <0 error */
int avcpu_handle_exit(struct avcpu_vcpu *vcpu, u32 trap);

/* mmio.c */
int avcpu_mmio_exit(struct avcpu_vcpu *vcpu, u64 ipa);
void avcpu_mmio_complete(struct avcpu_vcpu *vcpu);
int avcpu_mmio_insn_complete(struct avcpu_vcpu *vcpu);

/* ldst.c */
int avcpu_ldst_decode(u32 insn, struct avcpu_ldst *op);

/* smccc.c */
int avcpu_hypercall_exit(struct avcpu_vcpu *vcpu, u32 conduit);
void avcpu_hypercall_complete(struct avcpu_vcpu *vcpu);

/* Helpers on the saved guest state. */
static inline u64 avcpu_get_gpr(struct avcpu_vcpu *vcpu, unsigned int n)
{
	return n == 31 ? 0 : vcpu->hyp->gp.regs[n];
}

static inline void avcpu_set_gpr(struct avcpu_vcpu *vcpu, unsigned int n,
				 u64 val)
{
	if (n != 31)
		vcpu->hyp->gp.regs[n] = val;
}

void avcpu_skip_aarch32(struct avcpu_hyp_vcpu *hv);

/*
 * Step over the instruction that trapped: 4 bytes, or 2 for a 16-bit
 * T32 one (ESR_EL2.IL clear), with the IT state advanced in AArch32.
 */
static inline void avcpu_skip_instr(struct avcpu_vcpu *vcpu)
{
	struct avcpu_hyp_vcpu *hv = vcpu->hyp;

	if (unlikely(hv->gp.pstate & PSR_MODE32_BIT))
		avcpu_skip_aarch32(hv);
	else
		hv->gp.pc += 4;
}

/* AArch32 ITSTATE in SPSR: IT[7:2] at [15:10], IT[1:0] at [26:25]. */
#define AVCPU_SPSR_IT_MASK	(GENMASK_ULL(15, 10) | GENMASK_ULL(26, 25))

/*
 * Step over an access the VMM completes, remembering where it was: a
 * VMM that refuses it instead (AVCPU_INJECT_EXCEPTION) rewinds exactly.
 */
static inline void avcpu_skip_for_vmm(struct avcpu_vcpu *vcpu)
{
	vcpu->rewind_pc = vcpu->hyp->gp.pc;
	vcpu->rewind_pstate = vcpu->hyp->gp.pstate;
	avcpu_skip_instr(vcpu);
	vcpu->exit_advanced = true;
}

/*
 * The exit going to the VMM reports the guest abort in ESR_EL2/FAR_EL2:
 * remember it for AVCPU_INJECT_EXIT_ABORT.  Forgotten at the next RUN.
 */
static inline void avcpu_note_exit_abort(struct avcpu_vcpu *vcpu)
{
	vcpu->exit_abort = true;
}

/* The IRQ_LEVEL bits the timers own. */
#define AVCPU_TIMER_LEVELS	(AVCPU_IRQ_LEVEL_VTIMER | AVCPU_IRQ_LEVEL_PTIMER)

/*
 * Bring avcpu_run.irq_level up to date with the timers' outputs; true if
 * it changed (timer.c).  Neither timer enabled and no level reported
 * high: nothing can have changed, and nothing is called.
 */
static inline bool avcpu_timer_update_levels(struct avcpu_vcpu *vcpu)
{
	u64 *s = vcpu->hyp->sys;

	if (!((s[AVCPU_CNTV_CTL_EL0] | s[AVCPU_CNTP_CTL_EL0]) &
	      CNTV_CTL_ENABLE) &&
	    !(READ_ONCE(vcpu->run->irq_level) & AVCPU_TIMER_LEVELS) &&
	    !READ_ONCE(vcpu->vgic.timer_lines))
		return false;
	return avcpu_timer_levels_update(vcpu);
}

/*
 * RUN begins: while it runs, an hrtimer watches the physical timer's
 * deadline (timer.c), if the guest armed the timer (enabled, not masked;
 * CNTP_CTL_EL0 has CNTV_CTL_EL0's layout).
 */
static inline void avcpu_timer_load(struct avcpu_vcpu *vcpu)
{
	u64 ctl = vcpu->hyp->sys[AVCPU_CNTP_CTL_EL0];

	if ((ctl & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK)) == CNTV_CTL_ENABLE)
		avcpu_ptimer_start(vcpu);
}

/* RUN ends: the hrtimer, if started, is stopped. */
static inline void avcpu_timer_put(struct avcpu_vcpu *vcpu)
{
	if (vcpu->ptimer_started)
		avcpu_ptimer_stop(vcpu);
}

#endif /* __AVCPU_H__ */
