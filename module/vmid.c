// SPDX-License-Identifier: GPL-2.0
/*
 * VMIDs.  Every live VM has its own non-zero VMID (VMID 0 tags the host's
 * EL1&0 entries), so its TLB entries stay valid across runs, CPUs and
 * migrations; every change to a VM's stage 2 invalidates its VMID on all
 * CPUs, and so does freeing the VMID (avcpu_vm_release()), so a VMID is
 * clean when it is handed out again.
 *
 * The one other user of the VMID space is KVM on a VHE host, which
 * allocates VMIDs on its own: there (AVCPU_HYP_FLUSH_VMID) the world
 * switch invalidates the VMID on the CPU at entry and again at exit, so
 * no entry of one hypervisor's guest is ever seen by the other's.  An
 * nVHE host where avcpu loads has no KVM (it owns EL2).
 */
#include <linux/idr.h>
#include "avcpu.h"

static DEFINE_IDA(avcpu_vmids);

int avcpu_vmid_alloc(void)
{
	return ida_alloc_range(&avcpu_vmids, 1, (1U << avcpu_host.vmid_bits) - 1,
			       GFP_KERNEL);
}

void avcpu_vmid_free(int vmid)
{
	ida_free(&avcpu_vmids, vmid);
}
