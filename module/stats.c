// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics fds (AVCPU_GET_STATS_FD on a VM or a vCPU fd), in the binary
 * layout KVM's stats fds use: header, id string, descriptors, data
 * (uapi/linux/avcpu.h, Documentation/tracing.rst).
 *
 * The counters are plain u64s the owning thread increments (the vCPU's
 * thread in RUN, or the holder of vm->mmu_lock), so the run path pays one
 * add per event and no atomic.  A read here may race with an increment
 * and see the value just before it, never a torn one: each counter is an
 * aligned 64-bit word, read once with READ_ONCE.
 *
 * Everything but the data is fixed when the fd is made, so the file is
 * one buffer built then, whose data block is refreshed by reads that
 * reach it.
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/uaccess.h>
#include "avcpu.h"

struct stat_def {
	const char *name;
	u32 flags;
	u32 offset;		/* in the object's stat struct */
};

#define CUMULATIVE	AVCPU_STATS_TYPE_CUMULATIVE
#define INSTANT		AVCPU_STATS_TYPE_INSTANT
#define BYTES		(AVCPU_STATS_UNIT_BYTES | AVCPU_STATS_BASE_POW2)

#define VCPU_STAT(n, f) { #n, f, offsetof(struct avcpu_vcpu_stat, n) }
#define VM_STAT(n, f) { #n, f, offsetof(struct vm_snapshot, n) }

static const struct stat_def vcpu_defs[] = {
	VCPU_STAT(exits, CUMULATIVE),
	VCPU_STAT(exit_irq, CUMULATIVE),
	VCPU_STAT(exit_serror, CUMULATIVE),
	VCPU_STAT(exit_hvc, CUMULATIVE),
	VCPU_STAT(exit_smc, CUMULATIVE),
	VCPU_STAT(exit_dabt, CUMULATIVE),
	VCPU_STAT(exit_iabt, CUMULATIVE),
	VCPU_STAT(exit_sysreg, CUMULATIVE),
	VCPU_STAT(exit_wfx, CUMULATIVE),
	VCPU_STAT(exit_fp, CUMULATIVE),
	VCPU_STAT(exit_other, CUMULATIVE),
	VCPU_STAT(user_exits, CUMULATIVE),
	VCPU_STAT(signal_exits, CUMULATIVE),
	VCPU_STAT(mmio_reads, CUMULATIVE),
	VCPU_STAT(mmio_writes, CUMULATIVE),
	VCPU_STAT(hypercalls, CUMULATIVE),
	VCPU_STAT(hypercall_exits, CUMULATIVE),
	VCPU_STAT(sysreg_exits, CUMULATIVE),
	VCPU_STAT(wfi_sleeps, CUMULATIVE),
	VCPU_STAT(wfi_wakeups, CUMULATIVE),
	VCPU_STAT(s2_faults, CUMULATIVE),
	VCPU_STAT(s2_mapped_bytes, CUMULATIVE | BYTES),
	VCPU_STAT(irq_injections, CUMULATIVE),
	VCPU_STAT(irq_level_exits, CUMULATIVE),
	VCPU_STAT(irq_line_changes, CUMULATIVE),
};

/* What a VM's stats fd shows: its counters and what it holds now. */
struct vm_snapshot {
	u64 s2_faults;
	u64 s2_mapped_bytes;
	u64 vcpus;
	u64 memslots;
	u64 memslot_bytes;
	u64 vmid;
};

static const struct stat_def vm_defs[] = {
	VM_STAT(s2_faults, CUMULATIVE),
	VM_STAT(s2_mapped_bytes, CUMULATIVE | BYTES),
	VM_STAT(vcpus, INSTANT),
	VM_STAT(memslots, INSTANT),
	VM_STAT(memslot_bytes, INSTANT | BYTES),
	VM_STAT(vmid, INSTANT),
};

struct stats_file {
	struct mutex lock;	/* the data block, refreshed by reads */
	const struct stat_def *defs;
	unsigned int n;
	void (*fill)(struct stats_file *sf, u64 *data);
	struct avcpu_vm *vm;	/* a VM's: a reference */
	struct avcpu_vcpu *vcpu;
	struct file *vcpu_file;	/* a vCPU's: its file, which owns it */
	size_t data_offset;
	size_t size;
	u8 buf[];
};

/* Copy the counters of a stat struct at @base, as @defs lists them. */
static void copy_stats(const struct stat_def *defs, unsigned int n,
		       const void *base, u64 *data)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		data[i] = READ_ONCE(*(const u64 *)(base + defs[i].offset));
}

static void vcpu_fill(struct stats_file *sf, u64 *data)
{
	BUILD_BUG_ON(sizeof(atomic64_t) != sizeof(u64));
	copy_stats(sf->defs, sf->n, &sf->vcpu->stat, data);
}

static void vm_fill(struct stats_file *sf, u64 *data)
{
	struct avcpu_vm *vm = sf->vm;
	struct vm_snapshot s = { 0 };
	unsigned int i;

	mutex_lock(&vm->lock);
	s.s2_faults = vm->stat.s2_faults;
	s.s2_mapped_bytes = vm->stat.s2_mapped_bytes;
	s.vcpus = vm->nr_vcpus;
	for (i = 0; i < AVCPU_MAX_SLOTS; i++) {
		if (vm->slots[i].size) {
			s.memslots++;
			s.memslot_bytes += vm->slots[i].size;
		}
	}
	s.vmid = vm->vmid;
	mutex_unlock(&vm->lock);
	copy_stats(sf->defs, sf->n, &s, data);
}

static ssize_t stats_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	struct stats_file *sf = file->private_data;
	ssize_t ret;

	if (*ppos < 0)
		return -EINVAL;
	mutex_lock(&sf->lock);
	if (*ppos < sf->size && *ppos + len > sf->data_offset)
		sf->fill(sf, (u64 *)(sf->buf + sf->data_offset));
	ret = simple_read_from_buffer(ubuf, len, ppos, sf->buf, sf->size);
	mutex_unlock(&sf->lock);
	return ret;
}

static void stats_free(struct stats_file *sf)
{
	if (sf->vm)
		avcpu_vm_put(sf->vm);
	if (sf->vcpu_file)
		fput(sf->vcpu_file);
	kfree(sf);
}

static int stats_release(struct inode *inode, struct file *file)
{
	stats_free(file->private_data);
	return 0;
}

static const struct file_operations stats_fops = {
	.owner = THIS_MODULE,
	.read = stats_read,
	.release = stats_release,
	.llseek = noop_llseek,
};

/* The fixed part: header, id, descriptors; data zero until read. */
static struct stats_file *stats_alloc(const struct stat_def *defs,
				      unsigned int n, const char *id)
{
	size_t desc_size = sizeof(struct avcpu_stats_desc) +
			   AVCPU_STATS_NAME_SIZE;
	size_t id_off = sizeof(struct avcpu_stats_header);
	size_t desc_off = id_off + AVCPU_STATS_NAME_SIZE;
	size_t data_off = desc_off + n * desc_size;
	size_t size = data_off + n * sizeof(u64);
	struct avcpu_stats_header *h;
	struct stats_file *sf;
	unsigned int i;

	sf = kzalloc(sizeof(*sf) + size, GFP_KERNEL_ACCOUNT);
	if (!sf)
		return NULL;
	mutex_init(&sf->lock);
	sf->defs = defs;
	sf->n = n;
	sf->data_offset = data_off;
	sf->size = size;

	h = (struct avcpu_stats_header *)sf->buf;
	h->name_size = AVCPU_STATS_NAME_SIZE;
	h->num_desc = n;
	h->id_offset = id_off;
	h->desc_offset = desc_off;
	h->data_offset = data_off;
	strscpy(sf->buf + id_off, id, AVCPU_STATS_NAME_SIZE);
	for (i = 0; i < n; i++) {
		struct avcpu_stats_desc *d = (void *)(sf->buf + desc_off +
						      i * desc_size);

		d->flags = defs[i].flags;
		d->size = 1;
		d->offset = i * sizeof(u64);
		strscpy(d->name, defs[i].name, AVCPU_STATS_NAME_SIZE);
	}
	return sf;
}

static int stats_install(struct stats_file *sf, const char *name)
{
	struct file *file;
	int fd;

	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = anon_inode_getfile(name, &stats_fops, sf, O_RDONLY);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	/* Read at offsets, as the layout is meant to be read. */
	file->f_mode |= FMODE_PREAD;
	fd_install(fd, file);
	return fd;
}

int avcpu_vm_stats_fd(struct avcpu_vm *vm, unsigned long arg)
{
	char id[AVCPU_STATS_NAME_SIZE];
	struct stats_file *sf;
	int fd;

	if (arg)
		return -EINVAL;
	snprintf(id, sizeof(id), "avcpu-%d", vm->pid);
	sf = stats_alloc(vm_defs, ARRAY_SIZE(vm_defs), id);
	if (!sf)
		return -ENOMEM;
	sf->fill = vm_fill;
	sf->vm = vm;
	kref_get(&vm->kref);
	fd = stats_install(sf, "avcpu-vm-stats");
	if (fd < 0)
		stats_free(sf);
	return fd;
}

int avcpu_vcpu_stats_fd(struct avcpu_vcpu *vcpu, struct file *vcpu_file,
			unsigned long arg)
{
	char id[AVCPU_STATS_NAME_SIZE];
	struct stats_file *sf;
	int fd;

	if (arg)
		return -EINVAL;
	snprintf(id, sizeof(id), "avcpu-%d/vcpu-%llx", vcpu->pid, vcpu->mpidr);
	sf = stats_alloc(vcpu_defs, ARRAY_SIZE(vcpu_defs), id);
	if (!sf)
		return -ENOMEM;
	sf->fill = vcpu_fill;
	sf->vcpu = vcpu;
	sf->vcpu_file = get_file(vcpu_file);
	fd = stats_install(sf, "avcpu-vcpu-stats");
	if (fd < 0)
		stats_free(sf);
	return fd;
}
