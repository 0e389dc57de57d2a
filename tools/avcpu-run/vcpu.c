// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: the vCPU, its run structure and the run loop.
 *
 * AVCPU_RUN failing with EINTR (a signal, or immediate_exit) just runs the
 * vCPU again, unless the signal was SIGINT or SIGTERM: then the VMM stops
 * with 128 + the signal number, like a shell reports a killed command.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "avcpu-run.h"

/* Written by the signal handler, read by the run loop. */
static int stop_signal;
/* The run structure to set immediate_exit in, if the module has it. */
static struct avcpu_run *kick_run;

static void on_stop_signal(int sig)
{
	struct avcpu_run *run = __atomic_load_n(&kick_run, __ATOMIC_SEQ_CST);

	__atomic_store_n(&stop_signal, sig, __ATOMIC_SEQ_CST);
	/* Closes the window between the check and the next AVCPU_RUN. */
	if (run)
		run->immediate_exit = 1;
}

int signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: AVCPU_RUN must see EINTR */
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL))
		return error(STATUS_SETUP, "sigaction: %s", strerror(errno));
	return 0;
}

int vcpu_create(struct vcpu *vcpu, struct vm *vm, u64 dtb_addr, u64 entry)
{
	struct avcpu_vcpu_create create = {
		.mpidr = 0,
		.dtb_addr = dtb_addr,
	};
	struct avcpu_vcpu_attach attach = { .vm_fd = vm->vm_fd };
	struct avcpu_entry pc = { .pc = entry };
	void *run;

	vcpu->vm = vm;
	vcpu->fd = ioctl(vm->sys_fd, AVCPU_CREATE_VCPU, &create);
	if (vcpu->fd < 0)
		return ioctl_error("AVCPU_CREATE_VCPU");
	if (ioctl(vcpu->fd, AVCPU_SET_VM, &attach) < 0)
		return ioctl_error("AVCPU_SET_VM");
	if (ioctl(vcpu->fd, AVCPU_SET_ENTRY, &pc) < 0)
		return ioctl_error("AVCPU_SET_ENTRY");

	vcpu->run_size = vm->caps.run_size;
	run = mmap(NULL, vcpu->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   vcpu->fd, 0);
	if (run == MAP_FAILED)
		return error(STATUS_IOCTL, "mmap of the vCPU run structure: %s",
			     strerror(errno));
	vcpu->run = run;
	if (vm->caps.features & AVCPU_FEAT_IMMEDIATE_EXIT)
		__atomic_store_n(&kick_run, vcpu->run, __ATOMIC_SEQ_CST);
	return 0;
}

void vcpu_close(struct vcpu *vcpu)
{
	__atomic_store_n(&kick_run, NULL, __ATOMIC_SEQ_CST);
	if (vcpu->run)
		munmap(vcpu->run, vcpu->run_size);
	vcpu->run = NULL;
	if (vcpu->fd >= 0)
		close(vcpu->fd);
	vcpu->fd = -1;
}

static int guest_exception(struct vcpu *vcpu)
{
	struct avcpu_exit_exception *exc = &vcpu->run->exception;

	error(STATUS_GUEST_EXC,
	      "guest exception: ESR=0x%llx FAR=0x%llx HPFAR=0x%llx PC=0x%llx",
	      exc->esr, exc->far, exc->hpfar, exc->pc);
	if (vcpu->vm->verbose)
		info("exit %s, kind %u, IPA %s0x%llx",
		     vcpu->run->exit_reason == AVCPU_EXIT_MMIO_NISV ?
		     "MMIO_NISV" : "EXCEPTION", exc->kind,
		     exc->flags & AVCPU_EXC_IPA_VALID ? "" : "(invalid) ",
		     exc->ipa);
	return STATUS_GUEST_EXC;
}

static int mmio_exit(struct vcpu *vcpu)
{
	struct avcpu_exit_mmio *mmio = &vcpu->run->mmio;

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
	mmio_access(mmio->phys_addr, mmio->data, mmio->len, mmio->is_write,
		    vcpu->vm->verbose);
	return STATUS_CONTINUE;
}

static int handle_exit(struct vcpu *vcpu)
{
	struct avcpu_run *run = vcpu->run;

	switch (run->exit_reason) {
	case AVCPU_EXIT_HYPERCALL:
		return psci_call(&run->hypercall, vcpu->vm->verbose);
	case AVCPU_EXIT_MMIO:
		return mmio_exit(vcpu);
	case AVCPU_EXIT_MMIO_NISV:
	case AVCPU_EXIT_EXCEPTION:
		return guest_exception(vcpu);
	case AVCPU_EXIT_INTR:
		return STATUS_CONTINUE;
	default:
		return error(STATUS_IOCTL, "AVCPU_RUN: unknown exit reason %u",
			     run->exit_reason);
	}
}

int vcpu_run(struct vcpu *vcpu)
{
	int status, sig;

	for (;;) {
		sig = __atomic_load_n(&stop_signal, __ATOMIC_SEQ_CST);
		if (sig) {
			if (vcpu->vm->verbose)
				info("stopped by %s", strsignal(sig));
			return STATUS_SIGNAL_BASE + sig;
		}
		if (ioctl(vcpu->fd, AVCPU_RUN, 0) < 0) {
			if (errno == EINTR)
				continue;
			return ioctl_error("AVCPU_RUN");
		}
		status = handle_exit(vcpu);
		if (status != STATUS_CONTINUE)
			return status;
	}
}
