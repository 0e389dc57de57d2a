// SPDX-License-Identifier: GPL-2.0
/*
 * Host-side behaviour: the host mode avcpu reports, VMID reuse and
 * exhaustion, vCPUs migrating between CPUs, CPU hotplug, EL2 reinstall
 * (nVHE) and unloading/reloading the module with guests in between.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/cpu_affinity.h"

/* Count x0 iterations, storing the count in RAM, then hvc with it. */
AVCPU_GUEST(guest_count,
	"	mov	x2, #0\n"
	"	movz	x3, #0x4000, lsl #16\n"
	"	add	x3, x3, #0x2000\n"
	"1:	add	x2, x2, #1\n"
	"	str	x2, [x3]\n"
	"	subs	x0, x0, #1\n"
	"	b.ne	1b\n"
	"	ldr	x0, [x3]\n"
	"	hvc	#1\n"
	"	b	.\n");

/*
 * Count until the host sets the word at RAM + 0x3000, storing the count
 * at RAM + 0x2000, then hvc with it.
 */
AVCPU_GUEST(guest_until_flag,
	"	mov	x2, #0\n"
	"	movz	x3, #0x4000, lsl #16\n"
	"	add	x4, x3, #0x3000\n"
	"	add	x3, x3, #0x2000\n"
	"1:	add	x2, x2, #1\n"
	"	str	x2, [x3]\n"
	"	ldr	x5, [x4]\n"
	"	cbz	x5, 1b\n"
	"	mov	x0, x2\n"
	"	hvc	#1\n"
	"	b	.\n");

/* Return the word at RAM + 0x1000 through hvc, forever. */
AVCPU_GUEST(guest_ident,
	"0:	movz	x1, #0x4000, lsl #16\n"
	"	add	x1, x1, #0x1000\n"
	"	ldr	x0, [x1]\n"
	"	hvc	#1\n"
	"	b	0b\n");

static int online_cpus(void)
{
	return (int)sysconf(_SC_NPROCESSORS_ONLN);
}

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	close(fd);
	return n < 0 ? -errno : 0;
}

/* Run guest_count for @n iterations; returns what the guest reported. */
static int64_t run_count(uint64_t n)
{
	struct avcpu_guest g;
	__u32 reason;
	int64_t ret = -1;

	if (!avcpu_guest_create(&g, 1 << 20, guest_count_start,
				guest_count_end) &&
	    !avcpu_set_reg(g.vcpu, AVCPU_REG_X(0), n))
		ret = avcpu_run_to_hvc(&g, &reason);
	avcpu_guest_destroy(&g);
	return ret;
}

TEST(host_mode_matches_boot)
{
	char cmdline[4096] = "", midr[64] = "";
	int fd, expect, mode = avcpu_host_mode();
	ssize_t n;

	ASSERT_GT(mode, 0);
	fd = open("/proc/cmdline", O_RDONLY);
	ASSERT_GE(fd, 0);
	n = read(fd, cmdline, sizeof(cmdline) - 1);
	close(fd);
	ASSERT_GT(n, 0);
	fd = open("/sys/devices/system/cpu/cpu0/regs/identification/midr_el1",
		  O_RDONLY);
	if (fd >= 0) {
		n = read(fd, midr, sizeof(midr) - 1);
		close(fd);
	}
	/* No VHE: forced off on the command line, or an ARMv8.0 CPU. */
	expect = strstr(cmdline, "id_aa64mmfr1.vh=0") ||
		 (strtoull(midr, NULL, 0) & 0xfff0) == 0xd070 ?
		 AVCPU_HOST_NVHE : AVCPU_HOST_VHE;
	TH_LOG("host mode %s", mode == AVCPU_HOST_VHE ? "VHE" : "nVHE");
	ASSERT_EQ(expect, mode);
}

/*
 * Whether KVM initialised, as avcpu found it at load (debugfs), against
 * /dev/kvm, which KVM registers once it has: the kernel says it
 * differently in each version (module/compat.h).  Where avcpu loads on
 * nVHE, KVM must be absent; on VHE it shares the VMID space when there.
 */
TEST(kvm_detection_matches_dev_kvm)
{
	const char *path = "/sys/kernel/debug/avcpu/kvm_initialised";
	bool kvm = access("/dev/kvm", F_OK) == 0;
	char c = 0;
	FILE *f;

	if (access(path, R_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	ASSERT_EQ(1, fscanf(f, " %c", &c));
	fclose(f);
	TH_LOG("/dev/kvm %s, avcpu: KVM %s", kvm ? "present" : "absent",
	       c == 'Y' ? "initialised" : "absent");
	ASSERT_EQ(kvm ? 'Y' : 'N', c);
}

/*
 * More VMs over time than 8-bit VMIDs can name, with a few VMs alive
 * throughout: every guest must keep reading its own memory.
 */
TEST(vmid_reuse_300_vms)
{
	struct avcpu_guest keep[4];
	int i, k;
	__u32 reason;

	for (k = 0; k < 4; k++) {
		ASSERT_EQ(0, avcpu_guest_create(&keep[k], 1 << 20,
						guest_ident_start,
						guest_ident_end));
		*(uint64_t *)((char *)keep[k].ram + 0x1000) = 0x1000 + k;
	}
	for (i = 0; i < 320; i++) {
		struct avcpu_guest g;

		ASSERT_EQ(0, avcpu_guest_create(&g, 1 << 20, guest_ident_start,
						guest_ident_end));
		*(uint64_t *)((char *)g.ram + 0x1000) = i;
		ASSERT_EQ(i, avcpu_run_to_hvc(&g, &reason));
		avcpu_guest_destroy(&g);
		k = i % 4;
		ASSERT_EQ(0x1000 + k, avcpu_run_to_hvc(&keep[k], &reason));
	}
	for (k = 0; k < 4; k++)
		avcpu_guest_destroy(&keep[k]);
}

/* With 8-bit VMIDs, live VMs are limited to 255; the next is ENOSPC. */
TEST(vmid_exhaustion_8bit)
{
	struct avcpu_vm_create vc = { 0 };
	struct avcpu_caps caps;
	static int vms[256];
	int sys, n = 0, fd;

	sys = open("/dev/avcpu", O_RDWR);
	ASSERT_GE(sys, 0);
	ASSERT_EQ(0, ioctl(sys, AVCPU_GET_CAPS, &caps));
	if (caps.vmid_bits != 8) {
		close(sys);
		SKIP(return, "%u-bit VMIDs: exhaustion needs 65535 live VMs",
		     caps.vmid_bits);
	}
	while (n < 256) {
		fd = ioctl(sys, AVCPU_CREATE_VM, &vc);
		if (fd < 0)
			break;
		vms[n++] = fd;
	}
	EXPECT_EQ(255, n);
	EXPECT_EQ(ENOSPC, errno);
	/* One freed VMID is immediately usable again. */
	close(vms[--n]);
	fd = ioctl(sys, AVCPU_CREATE_VM, &vc);
	EXPECT_GE(fd, 0);
	if (fd >= 0)
		close(fd);
	while (n)
		close(vms[--n]);
	close(sys);
}

/*
 * VMIDs above 255 (16-bit VMID CPUs): with 300 VMs alive the next ones get
 * VMIDs >= 256.  Their memory is mapped, run, replaced and unmapped: each
 * run must see the slot's current backing, never a page of the slot that
 * was deleted.  The TLB part of this rule (VTCR_EL2.VS loaded with VTTBR
 * wherever a VMID is flushed) cannot fail under QEMU, which flushes on
 * every VTTBR write; this checks that such VMs work end to end.
 */
TEST(vmid_above_255_map_unmap_run)
{
	struct avcpu_memory_region r = { .guest_phys_addr = GUEST_RAM_BASE };
	struct avcpu_vm_create vc = { 0 };
	struct avcpu_guest g[3];
	struct avcpu_caps caps;
	static int vms[300];
	int sys, n = 0, i, k;
	void *other;
	__u32 reason;

	sys = open("/dev/avcpu", O_RDWR);
	ASSERT_GE(sys, 0);
	ASSERT_EQ(0, ioctl(sys, AVCPU_GET_CAPS, &caps));
	if (caps.vmid_bits != 16) {
		close(sys);
		SKIP(return, "%u-bit VMIDs", caps.vmid_bits);
	}
	while (n < 300) {
		vms[n] = ioctl(sys, AVCPU_CREATE_VM, &vc);
		ASSERT_GE(vms[n], 0);
		n++;
	}
	for (k = 0; k < 3; k++) {
		ASSERT_EQ(0, avcpu_guest_create(&g[k], 1 << 20,
						guest_ident_start,
						guest_ident_end));
		*(uint64_t *)((char *)g[k].ram + 0x1000) = 0x100 + k;
		ASSERT_EQ(0x100 + k, avcpu_run_to_hvc(&g[k], &reason));
	}
	other = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, other);
	for (i = 0; i < 20; i++) {
		for (k = 0; k < 3; k++) {
			void *back = i & 1 ? g[k].ram : other;

			memcpy(other, g[k].ram, 1 << 20);
			*(uint64_t *)((char *)back + 0x1000) = i * 16 + k;
			r.memory_size = 0;
			ASSERT_EQ(0, ioctl(g[k].vm, AVCPU_SET_MEMORY_REGION,
					   &r));
			r.memory_size = 1 << 20;
			r.userspace_addr = (uintptr_t)back;
			ASSERT_EQ(0, ioctl(g[k].vm, AVCPU_SET_MEMORY_REGION,
					   &r));
			ASSERT_EQ(i * 16 + k, avcpu_run_to_hvc(&g[k], &reason));
		}
		/* VMIDs freed and handed out again between the rounds. */
		close(vms[--n]);
		vms[n] = ioctl(sys, AVCPU_CREATE_VM, &vc);
		ASSERT_GE(vms[n], 0);
		n++;
	}
	for (k = 0; k < 3; k++) {
		/* Its slot now backed by @other or its own RAM: delete it. */
		r.memory_size = 0;
		ASSERT_EQ(0, ioctl(g[k].vm, AVCPU_SET_MEMORY_REGION, &r));
		avcpu_guest_destroy(&g[k]);
	}
	munmap(other, 1 << 20);
	while (n)
		close(vms[--n]);
	close(sys);
}

struct migrate_arg {
	struct avcpu_guest g;
	volatile pid_t tid;
	int64_t result;
};

static void *migrate_thread(void *p)
{
	struct migrate_arg *a = p;
	__u32 reason;

	a->tid = (pid_t)syscall(SYS_gettid);
	a->result = avcpu_run_to_hvc(&a->g, &reason);
	return NULL;
}

static int task_cpu(pid_t tid)
{
	char path[64], buf[1024], *p;
	int fd, i;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strrchr(buf, ')');
	/* Field 39 is the CPU; p points at the end of field 2. */
	for (i = 2; p && i < 39; i++)
		p = strchr(p + 1, ' ');
	return p ? atoi(p + 1) : -1;
}

/* A long guest run while its thread is moved between CPUs. */
TEST(migrate_between_cpus)
{
	struct migrate_arg a = { 0 };
	volatile uint64_t *flag, *count;
	unsigned int seen = 0;
	pthread_t th;
	int flips, cpu;

	if (online_cpus() < 2)
		SKIP(return, "one CPU online: nothing to migrate to");
	ASSERT_EQ(0, avcpu_guest_create(&a.g, 1 << 20, guest_until_flag_start,
					guest_until_flag_end));
	flag = (uint64_t *)((char *)a.g.ram + 0x3000);
	count = (uint64_t *)((char *)a.g.ram + 0x2000);
	ASSERT_EQ(0, pthread_create(&th, NULL, migrate_thread, &a));
	while (!a.tid)
		usleep(100);
	for (flips = 0; flips < 40; flips++) {
		avcpu_pin_to(a.tid, flips & 1);
		usleep(10000);
		cpu = task_cpu(a.tid);
		if (cpu >= 0 && cpu < 32)
			seen |= 1U << cpu;
	}
	/* The guest reads with its MMU off: push the flag to the PoC. */
	*flag = 1;
	asm volatile("dc civac, %0\n\tdsb sy" : : "r" (flag) : "memory");
	pthread_join(th, NULL);
	TH_LOG("%d affinity changes, CPUs seen %#x, guest counted %lld",
	       flips, seen, (long long)a.result);
	ASSERT_GT(a.result, 0);
	ASSERT_EQ((uint64_t)a.result, *count);
	ASSERT_EQ(3U, seen & 3U);
	avcpu_guest_destroy(&a.g);
}

/* Take CPU1 offline and back: avcpu must still run guests there. */
TEST(cpu_offline_online)
{
	const char *path = "/sys/devices/system/cpu/cpu1/online";

	if (online_cpus() < 2)
		SKIP(return, "one CPU online: no CPU to take offline");
	ASSERT_EQ(0, write_file(path, "0"));
	ASSERT_EQ(1, online_cpus());
	ASSERT_EQ(1000, run_count(1000));
	ASSERT_EQ(0, write_file(path, "1"));
	ASSERT_EQ(0, avcpu_pin_to(0, 1));
	ASSERT_EQ(1000, run_count(1000));
	avcpu_unpin();
}

/*
 * Read debugfs bp_hardening: each online CPU's MIDR and probe count as
 * avcpu recorded them.  Returns the number of CPUs listed.
 */
static int read_bp_hardening(unsigned int *midr, unsigned int *probes,
			     unsigned int *on, int max)
{
	const char *path = "/sys/kernel/debug/avcpu/bp_hardening";
	unsigned int cpu, m, p, o;
	char line[256];
	int n = 0;
	FILE *f;

	if (access(path, R_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "cpu%u midr=%x probes=%u on=%u", &cpu, &m, &p,
			   &o) != 4 || (int)cpu >= max)
			continue;
		midr[cpu] = m;
		probes[cpu] = p;
		on[cpu] = o;
		n++;
	}
	fclose(f);
	return n;
}

static unsigned int sysfs_midr(int cpu)
{
	char path[96], buf[32] = "";
	unsigned long long v = 0;
	FILE *f;

	snprintf(path, sizeof(path),
		 "/sys/devices/system/cpu/cpu%d/regs/identification/midr_el1",
		 cpu);
	f = fopen(path, "r");
	if (f) {
		if (fgets(buf, sizeof(buf), f))
			v = strtoull(buf, NULL, 0);
		fclose(f);
	}
	return (unsigned int)v;
}

/*
 * Spectre-v2/BHB hardening is decided on each CPU, from that CPU's own
 * MIDR and firmware answers (big.LITTLE), and again for a CPU that comes
 * back online.
 */
TEST(bp_hardening_probed_on_every_cpu)
{
	unsigned int midr[64] = { 0 }, probes[64] = { 0 }, on[64] = { 0 };
	int cpu, n = online_cpus();

	ASSERT_EQ(n, read_bp_hardening(midr, probes, on, 64));
	for (cpu = 0; cpu < n; cpu++) {
		ASSERT_GE(probes[cpu], 1);
		/* Probed on that CPU itself, with its own MIDR. */
		ASSERT_EQ(cpu, on[cpu]);
		ASSERT_EQ(sysfs_midr(cpu), midr[cpu]);
	}
}

TEST(bp_hardening_probed_again_after_hotplug)
{
	unsigned int midr[64] = { 0 }, probes[64] = { 0 }, on[64] = { 0 };
	unsigned int before;
	int n = online_cpus();

	if (n < 2)
		SKIP(return, "one CPU online: no CPU to bring back online");
	ASSERT_EQ(n, read_bp_hardening(midr, probes, on, 64));
	before = probes[1];
	ASSERT_EQ(0, write_file("/sys/devices/system/cpu/cpu1/online", "0"));
	ASSERT_EQ(0, write_file("/sys/devices/system/cpu/cpu1/online", "1"));
	ASSERT_EQ(n, read_bp_hardening(midr, probes, on, 64));
	ASSERT_EQ(before + 1, probes[1]);
	ASSERT_EQ(1, on[1]);
	ASSERT_EQ(sysfs_midr(1), midr[1]);
}

/*
 * nVHE: give EL2 back to the stub on each CPU, as deep idle does, let the
 * CPU_PM reinstall path take it again, and run a guest there.
 */
struct churn {
	volatile int stop;
	long rounds;
	int bad;
};

/* VMs made, run and torn down (VMID flushes) back to back. */
static void *churn_thread(void *p)
{
	struct churn *c = p;
	struct avcpu_guest g;
	__u32 reason;
	int k;

	while (!c->stop) {
		if (avcpu_guest_create(&g, 1 << 20, guest_ident_start,
				       guest_ident_end)) {
			c->bad++;
			break;
		}
		*(uint64_t *)((char *)g.ram + 0x1000) = c->rounds;
		for (k = 0; k < 20; k++)
			if (avcpu_run_to_hvc(&g, &reason) != c->rounds)
				c->bad++;
		avcpu_guest_destroy(&g);
		c->rounds++;
	}
	return NULL;
}

/*
 * CPU 1 goes offline and online again while guests run and VMs come and
 * go on every CPU.  A task still on the CPU after its offline callback
 * gave EL2 back must not take EL2 again there: its RUN goes round and
 * the task moves, its TLB flushes run elsewhere.  Every RUN must still
 * end in the guest's hypercall.  (A stale avcpu EL2 on a CPU that goes
 * down does not show under QEMU, whose PSCI CPU_OFF resets the CPU.)
 */
TEST(run_while_cpu_goes_offline)
{
	const char *path = "/sys/devices/system/cpu/cpu1/online";
	struct churn c[2] = { 0 };
	pthread_t t[2];
	int i;

	if (online_cpus() < 2)
		SKIP(return, "one CPU online: no CPU to take offline");
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, pthread_create(&t[i], NULL, churn_thread, &c[i]));
	for (i = 0; i < 8; i++) {
		ASSERT_EQ(0, write_file(path, "0"));
		usleep(30000);
		ASSERT_EQ(0, write_file(path, "1"));
		usleep(30000);
	}
	for (i = 0; i < 2; i++) {
		c[i].stop = 1;
		pthread_join(t[i], NULL);
		TH_LOG("thread %d: %ld VMs", i, c[i].rounds);
		EXPECT_EQ(0, c[i].bad);
		EXPECT_GT(c[i].rounds, 0);
	}
}

/*
 * The world switch runs with the guest's state loaded (and on nVHE at
 * EL2, from a copy): a kprobe's BRK there would be taken by the wrong
 * vectors.  Its entry points must be on the kprobe blacklist, which
 * covers every way of placing a kprobe (kprobe events alone already
 * refuse functions without ftrace sites, the assembly ones included).
 */
TEST(world_switch_is_kprobe_blacklisted)
{
	static const char * const syms[] = {
		"__avcpu_guest_enter", "__avcpu_guest_exit",
		"__avcpu_serror_window", "__avcpu_hyp_vectors",
		"__avcpu_nvhe_host_vectors", "avcpu_hyp_vcpu_run",
		"avcpu_nvhe_host_call",
	};
	static char list[1 << 20];
	char pat[80];
	unsigned int i;

	mount("none", "/sys/kernel/debug", "debugfs", 0, NULL);
	if (avcpu_read_file("/sys/kernel/debug/kprobes/blacklist", list,
			    sizeof(list)) < 0)
		SKIP(return, "no kprobes blacklist in debugfs");
	ASSERT_NE(NULL, strstr(list, "[avcpu]")) {
		TH_LOG("avcpu has nothing on the kprobe blacklist");
	}
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		snprintf(pat, sizeof(pat), "\t%s [avcpu]\n", syms[i]);
		EXPECT_NE(NULL, strstr(list, pat)) {
			TH_LOG("%s is not on the kprobe blacklist", syms[i]);
		}
	}
}

TEST(el2_reinstall_each_cpu)
{
	const char *hook = "/sys/kernel/debug/avcpu/el2_reinstall";
	char num[16];
	int cpu;

	if (avcpu_host_mode() != AVCPU_HOST_NVHE)
		SKIP(return, "VHE host: the kernel owns EL2, nothing to reinstall");
	if (access(hook, W_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	ASSERT_EQ(0, access(hook, W_OK));
	for (cpu = 0; cpu < online_cpus(); cpu++) {
		snprintf(num, sizeof(num), "%d", cpu);
		ASSERT_EQ(0, write_file(hook, num));
		ASSERT_EQ(0, avcpu_pin_to(0, cpu));
		ASSERT_EQ(500, run_count(500));
	}
	avcpu_unpin();
}

/* Unload and reload avcpu.ko 20 times, running a guest each time. */
TEST(reload_module_20_times)
{
	const char *ko = "/avcpu.ko";
	int i, fd, tries;

	if (access(ko, R_OK))
		SKIP(return, "%s not present (not in the lab initramfs)", ko);
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(0, syscall(SYS_delete_module, "avcpu", O_NONBLOCK));
		ASSERT_NE(0, access("/dev/avcpu", F_OK));
		fd = open(ko, O_RDONLY | O_CLOEXEC);
		ASSERT_GE(fd, 0);
		ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", 0));
		close(fd);
		for (tries = 0; access("/dev/avcpu", F_OK) && tries < 100;
		     tries++)
			usleep(10000);
		ASSERT_EQ(100 + i, run_count(100 + i));
	}
}

TEST_HARNESS_MAIN
