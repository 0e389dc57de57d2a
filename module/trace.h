/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu tracepoints: the "avcpu" trace system, under
 * /sys/kernel/tracing/events/avcpu/ (Documentation/tracing.rst).
 *
 * Every event is emitted by host code after the guest has exited, never
 * from EL2 (module/hyp/ runs there on nVHE hosts, outside the kernel).
 * The callers pass what they already have at hand, mostly the vCPU: the
 * fields are read in TP_fast_assign(), which runs only while the event is
 * enabled, so a disabled event costs one patched-out branch.
 */
#ifndef __AVCPU_TRACE_DEFS__
#define __AVCPU_TRACE_DEFS__
#include <asm/esr.h>		/* ESR_ELx_EC() */
/* What the callers pass; read once, whatever the multi-read below does. */
#include "avcpu.h"

/* avcpu_mmio's type */
#define AVCPU_MMIO_READ		0	/* the access, value still unknown */
#define AVCPU_MMIO_WRITE	1
#define AVCPU_MMIO_READ_DONE	2	/* the value the VMM returned */

/* avcpu_wfi_wake's reason */
#define AVCPU_WAKE_EVENT	0	/* a line, a kick, a timer level */
#define AVCPU_WAKE_TIMER	1	/* the guest's timer deadline */
#define AVCPU_WAKE_SIGNAL	2

/* The VMID of a vCPU's VM, 0 before AVCPU_SET_VM. */
static inline u16 avcpu_trace_vmid(const struct avcpu_vcpu *vcpu)
{
	return vcpu->vm ? vcpu->vm->vmid : 0;
}
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM avcpu

#if !defined(__AVCPU_TRACE_H__) || defined(TRACE_HEADER_MULTI_READ)
#define __AVCPU_TRACE_H__

#include <linux/tracepoint.h>

/* A vCPU enters the guest at @pc. */
TRACE_EVENT(avcpu_entry,
	    TP_PROTO(const struct avcpu_vcpu *vcpu),
	    TP_ARGS(vcpu),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u64, pc)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->pc = vcpu->hyp->gp.pc;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx pc %#llx",
		      __entry->vmid, __entry->mpidr, __entry->pc)
);

/*
 * The guest stopped: @trap is why (a synchronous trap, or an interrupt
 * or SError the host takes); for a synchronous trap, its ESR_EL2 and
 * exception class.  @pc is where the guest stopped.
 */
TRACE_EVENT(avcpu_exit,
	    TP_PROTO(const struct avcpu_vcpu *vcpu, u32 trap),
	    TP_ARGS(vcpu, trap),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u64, esr)
			     __field(u64, pc)
			     __field(u32, trap)
			     __field(u32, ec)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->esr = trap == AVCPU_TRAP_SYNC ?
					  vcpu->hyp->esr : 0;
			   __entry->pc = vcpu->hyp->gp.pc;
			   __entry->trap = trap;
			   __entry->ec = ESR_ELx_EC(__entry->esr);
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx trap %s ec %s esr %#llx pc %#llx",
		      __entry->vmid, __entry->mpidr,
		      __print_symbolic(__entry->trap,
				       { AVCPU_TRAP_SYNC, "SYNC" },
				       { AVCPU_TRAP_IRQ, "IRQ" },
				       { AVCPU_TRAP_FIQ, "FIQ" },
				       { AVCPU_TRAP_SERROR, "SERROR" }),
		      __entry->trap != AVCPU_TRAP_SYNC ? "-" :
		      __print_symbolic(__entry->ec,
				       { 0x00, "UNKNOWN" }, { 0x01, "WFx" },
				       { 0x07, "FP_ASIMD" }, { 0x09, "PAC" },
				       { 0x16, "HVC64" }, { 0x17, "SMC64" },
				       { 0x18, "SYS64" }, { 0x19, "SVE" },
				       { 0x1d, "SME" }, { 0x20, "IABT_LOW" },
				       { 0x24, "DABT_LOW" }, { 0x2f, "SERROR" }),
		      __entry->esr, __entry->pc)
);

/* A guest MMIO access the VMM emulates, and the completion of reads. */
TRACE_EVENT(avcpu_mmio,
	    TP_PROTO(const struct avcpu_vcpu *vcpu, u32 type, u64 ipa, u32 len,
		     u64 val),
	    TP_ARGS(vcpu, type, ipa, len, val),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u64, ipa)
			     __field(u64, val)
			     __field(u32, type)
			     __field(u32, len)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->ipa = ipa;
			   __entry->val = val;
			   __entry->type = type;
			   __entry->len = len;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx %s ipa %#llx len %u val %#llx",
		      __entry->vmid, __entry->mpidr,
		      __print_symbolic(__entry->type, { AVCPU_MMIO_READ, "read" },
				       { AVCPU_MMIO_WRITE, "write" },
				       { AVCPU_MMIO_READ_DONE, "read_done" }),
		      __entry->ipa, __entry->len, __entry->val)
);

/*
 * A guest HVC or SMC the host sees (the EL2 fast path answers a few
 * SMCCC calls itself, untraced): function ID, conduit, immediate, and
 * what the VM's filter made of it (AVCPU_SMCCC_*).
 */
TRACE_EVENT(avcpu_hypercall,
	    TP_PROTO(const struct avcpu_vcpu *vcpu, u32 conduit, u32 imm,
		     u8 action),
	    TP_ARGS(vcpu, conduit, imm, action),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u32, func)
			     __field(u32, conduit)
			     __field(u32, imm)
			     __field(u8, action)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->func = (u32)vcpu->hyp->gp.regs[0];
			   __entry->conduit = conduit;
			   __entry->imm = imm;
			   __entry->action = action;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx %s #%u func %#x %s",
		      __entry->vmid, __entry->mpidr,
		      __entry->conduit == AVCPU_CONDUIT_SMC ? "smc" : "hvc",
		      __entry->imm, __entry->func,
		      __print_symbolic(__entry->action,
				       { AVCPU_SMCCC_DEFAULT, "kernel" },
				       { AVCPU_SMCCC_EXIT, "exit" },
				       { AVCPU_SMCCC_DENY, "deny" }))
);

/*
 * A trapped system register or system instruction access (EC 0x18):
 * its encoding, direction and register, and whether it went to the VMM
 * (AVCPU_EXIT_SYSREG) or was handled in the kernel.
 */
TRACE_EVENT(avcpu_sysreg,
	    TP_PROTO(const struct avcpu_vcpu *vcpu, u32 op0, u32 op1, u32 crn,
		     u32 crm, u32 op2, bool read, bool to_vmm),
	    TP_ARGS(vcpu, op0, op1, crn, crm, op2, read, to_vmm),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u32, enc)
			     __field(u8, read)
			     __field(u8, to_vmm)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->enc = (op0 << 14) | (op1 << 11) | (crn << 7) |
					  (crm << 3) | op2;
			   __entry->read = read;
			   __entry->to_vmm = to_vmm;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx %s S%u_%u_C%u_C%u_%u %s",
		      __entry->vmid, __entry->mpidr,
		      __entry->read ? "mrs" : "msr",
		      (__entry->enc >> 14) & 3, (__entry->enc >> 11) & 7,
		      (__entry->enc >> 7) & 0xf, (__entry->enc >> 3) & 0xf,
		      __entry->enc & 7, __entry->to_vmm ? "vmm" : "kernel")
);

/* WFI (or PSCI CPU_SUSPEND): the vCPU's thread goes to sleep. */
TRACE_EVENT(avcpu_wfi_sleep,
	    TP_PROTO(const struct avcpu_vcpu *vcpu),
	    TP_ARGS(vcpu),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx", __entry->vmid, __entry->mpidr)
);

/*
 * ... and wakes up: @ret is the wait's result (-ERESTARTSYS: a signal),
 * recorded as the reason, AVCPU_WAKE_*.
 */
TRACE_EVENT(avcpu_wfi_wake,
	    TP_PROTO(const struct avcpu_vcpu *vcpu, int ret),
	    TP_ARGS(vcpu, ret),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u32, reason)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->reason = ret ? AVCPU_WAKE_SIGNAL :
					     READ_ONCE(vcpu->wfi_expired) ?
					     AVCPU_WAKE_TIMER : AVCPU_WAKE_EVENT;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx %s", __entry->vmid, __entry->mpidr,
		      __print_symbolic(__entry->reason,
				       { AVCPU_WAKE_EVENT, "event" },
				       { AVCPU_WAKE_TIMER, "timer" },
				       { AVCPU_WAKE_SIGNAL, "signal" }))
);

/*
 * A stage-2 translation fault on a memory slot, and the bytes the fault
 * mapped (0: another vCPU had mapped it meanwhile).
 */
TRACE_EVENT(avcpu_s2_fault,
	    TP_PROTO(const struct avcpu_vcpu *vcpu, u64 ipa, u64 mapped),
	    TP_ARGS(vcpu, ipa, mapped),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u64, ipa)
			     __field(u64, esr)
			     __field(u64, mapped)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->ipa = ipa;
			   __entry->esr = vcpu->hyp->esr;
			   __entry->mapped = mapped;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx ipa %#llx esr %#llx mapped %#llx",
		      __entry->vmid, __entry->mpidr, __entry->ipa, __entry->esr,
		      __entry->mapped)
);

/* The VMM drives a vCPU's IRQ or FIQ line (AVCPU_IRQ_LINE). */
TRACE_EVENT(avcpu_irq_line,
	    TP_PROTO(const struct avcpu_vcpu *vcpu, u32 line, u32 level,
		     bool changed),
	    TP_ARGS(vcpu, line, level, changed),
	    TP_STRUCT__entry(__field(u64, mpidr)
			     __field(u32, line)
			     __field(u32, level)
			     __field(u8, changed)
			     __field(u16, vmid)),
	    TP_fast_assign(__entry->mpidr = vcpu->mpidr;
			   __entry->line = line;
			   __entry->level = level;
			   __entry->changed = changed;
			   __entry->vmid = avcpu_trace_vmid(vcpu);),
	    TP_printk("vmid %u vcpu %#llx %s level %u%s",
		      __entry->vmid, __entry->mpidr,
		      __entry->line == AVCPU_LINE_FIQ ? "fiq" : "irq",
		      __entry->level, __entry->changed ? "" : " (unchanged)")
);

/*
 * A VM takes a VMID (alloc) or gives it back (free, after invalidating
 * it everywhere).  A VMID lives as long as its VM: no generations, no
 * rollover (vmid.c).
 */
TRACE_EVENT(avcpu_vmid,
	    TP_PROTO(u16 vmid, bool alloc),
	    TP_ARGS(vmid, alloc),
	    TP_STRUCT__entry(__field(u16, vmid)
			     __field(u8, alloc)),
	    TP_fast_assign(__entry->vmid = vmid;
			   __entry->alloc = alloc;),
	    TP_printk("%s vmid %u", __entry->alloc ? "alloc" : "free",
		      __entry->vmid)
);

#endif /* __AVCPU_TRACE_H__ */

/* Out of tree: define_trace.h finds this file through -I$(src)/module. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
