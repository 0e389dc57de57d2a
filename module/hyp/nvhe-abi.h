/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host-to-EL2 call ABI on nVHE hosts.
 *
 * The host issues `hvc #0` with the function in x0 and arguments in
 * x1-x3; the result comes back in x0 (and x1 for AVCPU_HVC_INIT); x2-x18
 * may be clobbered.  Functions 0-3 are the kernel's hyp-stub ABI
 * (Documentation/virt/kvm/arm/hyp-abi.rst), which avcpu's EL2 honours
 * for the rest of the kernel (kexec, hibernation, CPU teardown).
 *
 * EL2 address space: an identity map (VA == PA) holding only the copy of
 * the hyp image, each CPU's EL2 stack and each vCPU's EL2 context.
 *
 *   0 .. 2^48  [ hyp image RX ] [ stack, per CPU, RW ] [ vCPU ctxt RW ] ...
 *              (each at its own physical address; nothing else mapped)
 *
 * Its tables use the 4 KiB granule whatever the host's PAGE_SIZE, as
 * stage 2 does: a 16 KiB host page is four EL2 pages.
 */
#ifndef __AVCPU_NVHE_ABI_H__
#define __AVCPU_NVHE_ABI_H__

/* The kernel's hyp-stub calls (asm/virt.h). */
#define AVCPU_STUB_SET_VECTORS		0
#define AVCPU_STUB_SOFT_RESTART		1
#define AVCPU_STUB_RESET_VECTORS	2
#define AVCPU_STUB_ERR			0xbadca11
/* avcpu's EL2 refused the call's arguments. */
#define AVCPU_HVC_EINVAL		0xbad0a12

/* avcpu's own calls, numbered past the stub's. */
#define AVCPU_HVC_INIT		0x41760000	/* x1 = PA of init params */
#define AVCPU_HVC_RUN		0x41760001	/* x1 = PA of hyp vCPU */
#define AVCPU_HVC_FLUSH_VMID	0x41760002	/* x1 = VTTBR, x2 = VTCR; all CPUs */
#define AVCPU_HVC_UNMAP_PAGE	0x41760003	/* x1 = EL2 page no longer mapped */
#define AVCPU_HVC_PING		0x41760004	/* returns AVCPU_HVC_PONG */
#define AVCPU_HVC_GIC_VTR	0x41760005	/* returns ICH_VTR_EL2 */
#define AVCPU_HVC_GIC_CLEAR_LRS	0x41760006	/* x1 = list registers */
#define AVCPU_HVC_LAST		AVCPU_HVC_GIC_CLEAR_LRS
#define AVCPU_HVC_PONG		0x4176

#define AVCPU_EL2_PAGE_SHIFT	12
#define AVCPU_EL2_PAGE_SIZE	BIT(AVCPU_EL2_PAGE_SHIFT)

/* struct avcpu_el2_init_params offsets (read with the EL2 MMU off) */
#define AVCPU_INIT_MAIR		0
#define AVCPU_INIT_TCR		8
#define AVCPU_INIT_TTBR0	16
#define AVCPU_INIT_SP		24

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct avcpu_el2_init_params {
	u64 mair;
	u64 tcr;
	u64 ttbr0;
	u64 sp;
};

/* The stub's VBAR_EL2, patched into the EL2 image before first use. */
extern u64 __avcpu_nvhe_stub_vbar;
extern char __avcpu_nvhe_host_vectors[];
extern char __avcpu_nvhe_capture[];
extern char __avcpu_hyp_image_start[];
extern char __avcpu_hyp_image_end[];

u64 avcpu_nvhe_host_call(u64 func, u64 a1, u64 a2);
#endif

#endif /* __AVCPU_NVHE_ABI_H__ */
