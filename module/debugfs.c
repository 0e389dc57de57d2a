// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/avcpu: test hooks for paths QEMU cannot trigger.
 *
 * el2_reinstall (nVHE): writing a CPU number gives EL2 back to the stub on
 * that CPU, as a trip through deep idle does, then runs the reinstall
 * path the CPU_PM notifier uses.  Reading shows the last result.
 *
 * bp_hardening: what each online CPU does on the guest-exit path against
 * Spectre-v2/BHB (spectre.c), and how often it was probed.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include "avcpu.h"

static struct dentry *avcpu_debugfs;
static int last_reinstall;

static void reinstall_on_cpu(void *data)
{
	int *ret = data;

	avcpu_el2_release_this_cpu();
	*ret = avcpu_el2_reinstall_this_cpu();
}

static int el2_reinstall_set(void *data, u64 cpu)
{
	int ret;

	if (avcpu_host.mode != AVCPU_HOST_NVHE)
		return -ENODEV;
	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return -EINVAL;
	ret = smp_call_function_single(cpu, reinstall_on_cpu,
				       &last_reinstall, true);
	return ret ?: last_reinstall;
}

static int el2_reinstall_get(void *data, u64 *val)
{
	*val = (u64)(s64)last_reinstall;
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(avcpu_spectre);

DEFINE_DEBUGFS_ATTRIBUTE(el2_reinstall_fops, el2_reinstall_get,
			 el2_reinstall_set, "%lld\n");

void avcpu_debugfs_init(void)
{
	avcpu_debugfs = debugfs_create_dir("avcpu", NULL);
	debugfs_create_file_unsafe("el2_reinstall", 0600, avcpu_debugfs, NULL,
				   &el2_reinstall_fops);
	debugfs_create_file("bp_hardening", 0400, avcpu_debugfs, NULL,
			    &avcpu_spectre_fops);
}

void avcpu_debugfs_exit(void)
{
	debugfs_remove_recursive(avcpu_debugfs);
}
