// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the vCPUs, their run structures, threads and run loops.
 *
 * Each vCPU has a thread of its own running its AVCPU_RUN loop; vCPU 0
 * starts powered on at the image's entry point, the others powered off
 * (AVCPU_VCPU_POWER_OFF): their RUN sleeps in the module until the guest
 * starts them with PSCI CPU_ON, which the module handles.
 *
 * The VMM stops once, with the status of the first thing that ends it:
 * a vCPU's exit it cannot go on from (AVCPU_EXIT_SYSTEM_EVENT, a guest
 * SError, a guest fault with --strict, a failed ioctl), or SIGINT/SIGTERM (128 + the signal number,
 * like a shell reports a killed command).  The main thread then stops the
 * other vCPU threads: it sets their immediate_exit and sends each SIGUSR1,
 * whose handler does nothing and is installed without SA_RESTART, so that
 * a RUN sleeping or in the guest returns -1/EINTR (AVCPU_EXIT_INTR).
 *
 * SIGINT, SIGTERM and SIGUSR2 are blocked in every thread: the main thread
 * takes them with sigwait(), SIGUSR2 being how a vCPU thread tells it that
 * the VMM stops.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "fault.h"
#include "log.h"
#include "mmio.h"
#include "vcpu.h"

#define SIG_KICK	SIGUSR1		/* main -> vCPU: leave AVCPU_RUN */
#define SIG_STOPPED	SIGUSR2		/* vCPU -> main: the VMM stops */
#define KICK_RETRY_NS	10000000L	/* 10 ms */

/* The first status wins; later ones (and the kicked vCPUs) are ignored. */
static pthread_mutex_t stop_lock = PTHREAD_MUTEX_INITIALIZER;
static bool stopping;
static int stop_status;
static pthread_t main_thread;

/*
 * Raise or lower the virtual IRQ line of @vcpu, as the GIC's output for
 * it (gic.c).  Returns ioctl()'s result, errno set.
 */
int vcpu_irq_line(struct vcpu *vcpu, bool level)
{
	if (vcpu->fd < 0) {
		errno = EBADF;
		return -1;
	}
	return vcpu->vm->accel->irq_line(vcpu, level);
}

/* Returns true for the caller whose @status ends the VMM. */
static bool vmm_stop(int status)
{
	bool first;

	pthread_mutex_lock(&stop_lock);
	first = !stopping;
	if (first) {
		stop_status = status;
		__atomic_store_n(&stopping, true, __ATOMIC_SEQ_CST);
	}
	pthread_mutex_unlock(&stop_lock);
	return first;
}

static bool vmm_stopping(void)
{
	return __atomic_load_n(&stopping, __ATOMIC_SEQ_CST);
}

static void on_kick(int sig)
{
	(void)sig;
}

static void stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIG_STOPPED);
}

int signals_init(void)
{
	struct sigaction sa;
	sigset_t set;
	int err;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: AVCPU_RUN must see EINTR */
	if (sigaction(SIG_KICK, &sa, NULL))
		return error(STATUS_SETUP, "sigaction: %s", strerror(errno));

	/* Blocked here, so in every thread created from now on. */
	stop_signals(&set);
	err = pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (err)
		return error(STATUS_SETUP, "pthread_sigmask: %s", strerror(err));
	main_thread = pthread_self();
	return 0;
}

int vcpu_create(struct vcpu *vcpu, struct vm *vm, int index, u64 dtb_addr,
		u64 entry)
{
	vcpu->vm = vm;
	vcpu->index = index;
	return vm->accel->vcpu_create(vcpu, dtb_addr, entry);
}

void vcpu_close(struct vcpu *vcpu)
{
	if (vcpu->vm)
		vcpu->vm->accel->vcpu_close(vcpu);
}

#define ESR_EC(esr)		(((esr) >> 26) & 0x3f)
#define ESR_EC_IABT_LOW		0x20
#define ESR_EC_DABT_LOW		0x24
#define ESR_WNR			BIT(6)
#define SMCCC_NOT_SUPPORTED	(~0ULL)		/* -1 */

static int vcpu_get_reg(struct vcpu *vcpu, u64 id, u64 *val)
{
	return vcpu->vm->accel->get_reg(vcpu, id, val);
}

/*
 * Give the guest @type (AVCPU_INJECT_*) for the access the last exit
 * reported, then report @f with the PC of the faulting instruction, which
 * the guest's ELR_EL1 now holds.  With --strict the guest is given it too
 * and the VMM stops.
 */
static int deliver(struct vcpu *vcpu, u32 type, struct fault *f)
{
	int status;

	status = vcpu->vm->accel->inject(vcpu, type);
	if (status)
		return status;
	status = vcpu_get_reg(vcpu, AVCPU_REG_ELR_EL1, &f->pc);
	if (status)
		return status;
	f->vcpu = vcpu->index;
	return fault_report(f, vcpu->vm->verbose, vcpu->vm->strict);
}

/*
 * A guest exception the module hands over.  An instruction abort is a
 * fetch from an IPA nothing backs, a data abort one the module could not
 * turn into MMIO (a stage-1 walk through no memory, a device that refused
 * the access): the guest gets the external abort a bus would give it.
 * Another synchronous exception: UNDEF.  An SError or a vCPU the module
 * could not enter is the VMM's end.
 */
static int guest_exception(struct vcpu *vcpu)
{
	struct avcpu_exit_exception *exc = &vcpu->run->exception;
	struct fault f = {
		.addr = exc->far, .ipa = exc->ipa, .esr = exc->esr,
		.is_write = exc->esr & ESR_WNR,
	};

	if (vcpu->run->exit_reason == AVCPU_EXIT_MMIO_NISV) {
		f.kind = FAULT_NISV;
		return deliver(vcpu, AVCPU_INJECT_DABT, &f);
	}
	if (exc->kind == AVCPU_EXC_SYNC) {
		switch (ESR_EC(exc->esr)) {
		case ESR_EC_IABT_LOW:
			f.kind = FAULT_IABT;
			return deliver(vcpu, AVCPU_INJECT_IABT, &f);
		case ESR_EC_DABT_LOW:
			f.kind = FAULT_DABT;
			return deliver(vcpu, AVCPU_INJECT_DABT, &f);
		default:
			f.kind = FAULT_EXCEPTION;
			return deliver(vcpu, AVCPU_INJECT_UNDEF, &f);
		}
	}
	return error(STATUS_GUEST_EXC,
		     "vCPU %d: guest %s: ESR=0x%llx FAR=0x%llx PC=0x%llx",
		     vcpu->index, exc->kind == AVCPU_EXC_SERROR ? "SError" :
		     "state the module cannot run", exc->esr, exc->far,
		     exc->pc);
}

/*
 * The module answers every SMCCC call (HVC #0 or SMC #0) itself, the
 * ones it does not implement with NOT_SUPPORTED; what still comes here
 * is an HVC or SMC with another immediate, reserved by the SMCCC, or a
 * call a filter sends to the VMM.  This machine implements none of them:
 * NOT_SUPPORTED too, and the guest goes on (KVM would answer a non-zero
 * immediate as #0).
 */
static int hypercall_exit(struct vcpu *vcpu)
{
	struct avcpu_exit_hypercall *hc = &vcpu->run->hypercall;
	struct fault f = {
		.kind = FAULT_HVC, .vcpu = vcpu->index, .imm = hc->imm,
		.x0 = hc->x[0], .is_smc = hc->conduit == AVCPU_CONDUIT_SMC,
	};
	int status;

	hc->x[0] = SMCCC_NOT_SUPPORTED;
	/* The PC is past the HVC or SMC, both 4 bytes. */
	status = vcpu_get_reg(vcpu, AVCPU_REG_PC, &f.pc);
	if (status)
		return status;
	f.pc -= 4;
	return fault_report(&f, vcpu->vm->verbose, vcpu->vm->strict);
}

static int mmio_exit(struct vcpu *vcpu)
{
	struct avcpu_exit_mmio *mmio = &vcpu->run->mmio;
	struct fault f;

	switch (mmio->len) {
	case 1:
	case 2:
	case 4:
	case 8:
		break;
	default:
		return error(STATUS_IOCTL, "AVCPU_RUN: MMIO exit of length %u",
			     mmio->len);
	}
	/* For a read, the next AVCPU_RUN loads mmio->data into the register. */
	if (mmio_access(vcpu, mmio->phys_addr, mmio->data, mmio->len,
			mmio->is_write))
		return STATUS_CONTINUE;
	f = (struct fault){
		.kind = FAULT_DABT, .ipa = mmio->phys_addr, .len = mmio->len,
		.is_write = mmio->is_write,
	};
	return deliver(vcpu, AVCPU_INJECT_DABT, &f);
}

/* PSCI SYSTEM_OFF or SYSTEM_RESET: every vCPU's RUN returns it. */
static int system_event(struct vcpu *vcpu)
{
	u32 type = vcpu->run->system_event.type;
	int status;

	switch (type) {
	case AVCPU_SYSTEM_OFF:
		status = STATUS_POWEROFF;
		break;
	case AVCPU_SYSTEM_RESET:
		status = STATUS_RESET;	/* no reboot: the caller may rerun */
		break;
	default:
		return error(STATUS_IOCTL,
			     "AVCPU_RUN: unknown system event type %u", type);
	}
	return status;
}

/*
 * Each timer's output is the level of its PPI at the GIC (the
 * vcpu->set_ppi callback), which drives the vCPU's IRQ line: the virtual
 * timer's PPI 11 (INTID 27), the physical timer's PPI 14 (INTID 30), as
 * on QEMU's virt board.
 * run->irq_level is current as of every exit (AVCPU_EXIT_IRQ_LEVEL only
 * says that nothing else was due), so it is looked at after each one;
 * the module reports the low level once the guest has masked or
 * reprogrammed the timer.
 */
static void sync_timer(struct vcpu *vcpu, u64 bit, u32 intid, bool *last)
{
	bool level = vcpu->run->irq_level & bit;

	if (level == *last)
		return;
	*last = level;
	if (vcpu->set_ppi)
		vcpu->set_ppi(vcpu->index, intid, level);
}

static void sync_timers(struct vcpu *vcpu)
{
	sync_timer(vcpu, AVCPU_IRQ_LEVEL_VTIMER, GIC_PPI_VTIMER,
		   &vcpu->vtimer_level);
	sync_timer(vcpu, AVCPU_IRQ_LEVEL_PTIMER, GIC_PPI_PTIMER,
		   &vcpu->ptimer_level);
}

/* An MSR or MRS the module leaves to us: no such register here, UNDEF. */
static int sysreg_exit(struct vcpu *vcpu)
{
	struct avcpu_exit_sysreg *sr = &vcpu->run->sysreg;
	struct fault f = {
		.kind = FAULT_SYSREG, .sysreg = sr->id, .rt = sr->rt,
		.is_write = sr->is_write,
	};

	return deliver(vcpu, AVCPU_INJECT_UNDEF, &f);
}

static int handle_exit(struct vcpu *vcpu)
{
	struct avcpu_run *run = vcpu->run;

	switch (run->exit_reason) {
	case AVCPU_EXIT_HYPERCALL:
		return hypercall_exit(vcpu);
	case AVCPU_EXIT_MMIO:
		return mmio_exit(vcpu);
	case AVCPU_EXIT_MMIO_NISV:
	case AVCPU_EXIT_EXCEPTION:
		return guest_exception(vcpu);
	case AVCPU_EXIT_INTR:
		return STATUS_CONTINUE;
	case AVCPU_EXIT_SYSTEM_EVENT:
		return system_event(vcpu);
	case AVCPU_EXIT_IRQ_LEVEL:
		return STATUS_CONTINUE;		/* sync_timers() did it */
	case AVCPU_EXIT_SYSREG:
		return sysreg_exit(vcpu);
	default:
		return error(STATUS_IOCTL, "AVCPU_RUN: unknown exit reason %u",
			     run->exit_reason);
	}
}

/*
 * RUN failed with EFAULT: guest RAM the module could not take from our
 * mapping.  We never unmap or protect it while the guest runs, so this
 * is a host problem (out of memory for the page, for one): stop.
 */
static int memory_fault(struct vcpu *vcpu)
{
	struct avcpu_exit_memory_fault *mf = &vcpu->run->memory_fault;

	return error(STATUS_IOCTL,
		     "AVCPU_RUN: vCPU %d: memory fault at IPA 0x%llx (+%llu)",
		     vcpu->index, mf->gpa, mf->size);
}

/* One vCPU's thread: run until the VMM stops or this vCPU ends it. */
static void *vcpu_thread(void *arg)
{
	struct vcpu *vcpu = arg;
	int status = STATUS_CONTINUE;

	while (!vmm_stopping()) {
		if (vcpu->vm->accel->vcpu_run(vcpu) < 0) {
			/* A kick, or a signal for someone else: look again. */
			if (errno == EINTR)
				continue;
			if (errno == EFAULT && vcpu->run->exit_reason ==
			    AVCPU_EXIT_MEMORY_FAULT) {
				status = memory_fault(vcpu);
				break;
			}
			status = ioctl_error("AVCPU_RUN");
			break;
		}
		sync_timers(vcpu);
		status = handle_exit(vcpu);
		if (status != STATUS_CONTINUE)
			break;
	}
	if (status != STATUS_CONTINUE && vmm_stop(status)) {
		if (vcpu->vm->verbose &&
		    (status == STATUS_POWEROFF || status == STATUS_RESET))
			info("guest %s", status == STATUS_POWEROFF ?
			     "powered off (PSCI SYSTEM_OFF)" :
			     "asked for a reset (PSCI SYSTEM_RESET)");
		pthread_kill(main_thread, SIG_STOPPED);
	}
	__atomic_store_n(&vcpu->exited, true, __ATOMIC_SEQ_CST);
	return NULL;
}

/*
 * Get every vCPU thread out of AVCPU_RUN.  immediate_exit closes the
 * window between a thread's check of vmm_stopping() and its next RUN; a
 * module without it gets the kick again until the thread has left.
 */
static void vcpus_stop(struct vcpu *vcpus, int nr_vcpus)
{
	struct timespec retry = { .tv_nsec = KICK_RETRY_NS };
	bool running;
	int i;

	for (i = 0; i < nr_vcpus; i++) {
		if (vcpus[i].run)
			vcpus[i].vm->accel->set_immediate_exit(&vcpus[i], true);
	}
	do {
		running = false;
		for (i = 0; i < nr_vcpus; i++) {
			if (!vcpus[i].started ||
			    __atomic_load_n(&vcpus[i].exited, __ATOMIC_SEQ_CST))
				continue;
			pthread_kill(vcpus[i].thread, SIG_KICK);
			running = true;
		}
		if (running)
			nanosleep(&retry, NULL);
	} while (running);

	for (i = 0; i < nr_vcpus; i++) {
		if (vcpus[i].started)
			pthread_join(vcpus[i].thread, NULL);
		vcpus[i].started = false;
	}
}

/*
 * Run the vCPUs, one thread each, until the VMM stops; returns its exit
 * status.  Called from the main thread after signals_init().
 */
/*
 * After a SYSTEM_RESET, for --reboot=restart: every vCPU back to its
 * creation state (the module resets registers, power state and lines),
 * the stop machinery re-armed.  The threads are gone (vcpus_stop()).
 */
int vcpus_reset(struct vcpu *vcpus, int nr_vcpus)
{
	int i;

	for (i = 0; i < nr_vcpus; i++) {
		int status = vcpus[i].vm->accel->vcpu_reset(&vcpus[i]);

		if (status)
			return status;
		vcpus[i].vm->accel->set_immediate_exit(&vcpus[i], false);
		__atomic_store_n(&vcpus[i].exited, false, __ATOMIC_SEQ_CST);
		vcpus[i].vtimer_level = false;
		vcpus[i].ptimer_level = false;
	}
	pthread_mutex_lock(&stop_lock);
	__atomic_store_n(&stopping, false, __ATOMIC_SEQ_CST);
	stop_status = 0;
	pthread_mutex_unlock(&stop_lock);
	return 0;
}

int vcpus_run(struct vcpu *vcpus, int nr_vcpus)
{
	sigset_t set;
	int i, err, sig;

	for (i = 0; i < nr_vcpus; i++) {
		err = pthread_create(&vcpus[i].thread, NULL, vcpu_thread,
				     &vcpus[i]);
		if (err) {
			vmm_stop(error(STATUS_SETUP,
				       "cannot start the thread of vCPU %d: %s",
				       i, strerror(err)));
			break;
		}
		vcpus[i].started = true;
	}

	stop_signals(&set);
	while (!vmm_stopping()) {
		if (sigwait(&set, &sig))
			continue;
		if (sig != SIG_STOPPED && vmm_stop(STATUS_SIGNAL_BASE + sig) &&
		    vcpus[0].vm->verbose)
			info("stopped by %s", strsignal(sig));
	}

	vcpus_stop(vcpus, nr_vcpus);
	return stop_status;
}
