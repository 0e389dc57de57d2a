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
 *
 * gic: the host's GICv3 CPU interface as the in-kernel GIC uses it (its
 * list registers, priority bits, and whether ICC_DIR_EL1 writes trap:
 * ICH_VTR_EL2.TDS), all 0 without one.
 *
 * cache/: s2fwb (the host has FEAT_S2FWB) and counters of the cache
 * maintenance done for guests without it (struct avcpu_stats), whose
 * effect QEMU cannot show: tests check the paths ran.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include "avcpu.h"

static struct dentry *avcpu_debugfs;
struct avcpu_stats avcpu_stats;
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

static int avcpu_gic_show(struct seq_file *m, void *unused)
{
	avcpu_vgic_show_hw(m);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(avcpu_gic);

DEFINE_DEBUGFS_ATTRIBUTE(el2_reinstall_fops, el2_reinstall_get,
			 el2_reinstall_set, "%lld\n");

void avcpu_debugfs_init(void)
{
	struct dentry *cache;

	avcpu_debugfs = debugfs_create_dir("avcpu", NULL);
	debugfs_create_file_unsafe("el2_reinstall", 0600, avcpu_debugfs, NULL,
				   &el2_reinstall_fops);
	debugfs_create_file("bp_hardening", 0400, avcpu_debugfs, NULL,
			    &avcpu_spectre_fops);
	debugfs_create_file("gic", 0400, avcpu_debugfs, NULL, &avcpu_gic_fops);
	/* What avcpu concluded about KVM at load (compat.h), for tests. */
	debugfs_create_bool("kvm_initialised", 0400, avcpu_debugfs,
			    &avcpu_host.kvm);
	cache = debugfs_create_dir("cache", avcpu_debugfs);
	debugfs_create_bool("s2fwb", 0400, cache, &avcpu_host.fwb);
	debugfs_create_atomic_t("set_way_flushes", 0400, cache,
				&avcpu_stats.sw_flushes);
	debugfs_create_atomic_t("vm_reg_traps", 0400, cache,
				&avcpu_stats.vm_reg_traps);
	debugfs_create_atomic_t("cache_toggles", 0400, cache,
				&avcpu_stats.cache_toggles);
	debugfs_create_atomic_t("reset_unmaps", 0400, cache,
				&avcpu_stats.reset_unmaps);
	debugfs_create_atomic_t("pages_held", 0400, avcpu_debugfs,
				&avcpu_stats.pages_held);
}

void avcpu_debugfs_exit(void)
{
	debugfs_remove_recursive(avcpu_debugfs);
}
