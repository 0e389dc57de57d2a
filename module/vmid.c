// SPDX-License-Identifier: GPL-2.0
/*
 * VMIDs.  Every live VM has its own non-zero VMID (VMID 0 tags the host's
 * EL1&0 entries).  A VMID's TLB entries never outlive a run: the world
 * switch invalidates the VMID on the CPU at guest entry and again at exit,
 * because KVM on the same host allocates from the same VMID space.  A
 * freed VMID can therefore be handed out again at once, and an 8-bit VMID
 * space only limits how many VMs exist at the same time.
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
