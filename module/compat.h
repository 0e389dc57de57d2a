/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels avcpu builds against (Debian's 6.1
 * and 6.12 series), one shim each; the only place that tests
 * LINUX_VERSION_CODE.
 *
 * Architectural constants the kernel renamed between those series (the
 * SPE and TRBE enable bits, CPTR_EL2's RES1 bits, ISR_EL1.A) are not
 * shimmed: avcpu names them itself (hyp/switch.h, main.c) or uses a name
 * both series have.
 */
#ifndef __AVCPU_COMPAT_H__
#define __AVCPU_COMPAT_H__

#include <linux/debugfs.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/version.h>

/*
 * Whether KVM initialised on this host (and so owns EL2 on nVHE, and
 * shares the VMID space on VHE).  kvm_init() creates KVM's debugfs
 * directory exactly when KVM initialised; 6.1 exports it as
 * kvm_debugfs_dir (an ERR_PTR, still non-NULL, with debugfs off), later
 * kernels keep it static and export nothing else that says so
 * (is_kvm_arm_initialised() is not exported), so look the directory up
 * by name.  With debugfs off nothing can be seen there: answer yes,
 * the side that never hands KVM's EL2 to avcpu.
 */
#if KERNEL_VERSION(6, 2, 0) > LINUX_VERSION_CODE
#include <linux/kvm_host.h>

static inline bool avcpu_kvm_initialised(void)
{
	return kvm_debugfs_dir;
}
#else
static inline bool avcpu_kvm_initialised(void)
{
	struct dentry *d;

	if (!debugfs_initialized())
		return true;
	d = debugfs_lookup("kvm", NULL);
	dput(d);
	return d;
}
#endif

/*
 * vma->vm_flags is read-only from 6.3 on, changed through vm_flags_set()
 * and vm_flags_clear() (which also take the mmap write lock's assertion).
 */
static inline void avcpu_vm_flags_mod(struct vm_area_struct *vma,
				      vm_flags_t set, vm_flags_t clear)
{
#if KERNEL_VERSION(6, 3, 0) > LINUX_VERSION_CODE
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#else
	vm_flags_mod(vma, set, clear);
#endif
}

/* struct fd packs its file pointer and flags in one word from 6.12 on. */
#if KERNEL_VERSION(6, 12, 0) > LINUX_VERSION_CODE
#define avcpu_fd_file(f)	((f).file)
#else
#define avcpu_fd_file(f)	fd_file(f)
#endif

/* eventfd_signal() lost its count argument in 6.8. */
#if KERNEL_VERSION(6, 8, 0) > LINUX_VERSION_CODE
#define avcpu_eventfd_signal(ctx)	eventfd_signal((ctx), 1)
#else
#define avcpu_eventfd_signal(ctx)	eventfd_signal(ctx)
#endif

#endif /* __AVCPU_COMPAT_H__ */
