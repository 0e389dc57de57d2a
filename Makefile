# SPDX-License-Identifier: GPL-2.0
#
# avcpu: build glue and QEMU test lab.  Kbuild (not this file) describes
# avcpu.ko; this Makefile drives it, the userspace trees and the lab.
#
#   make lab           prepare the lab: the only goals that install anything
#                      are lab goals (lab, check, run, shell, bench, fuzz,
#                      initramfs, debug-kernel, checkpatch ...); they install
#                      only what is missing and say what and why first
#   make module        avcpu.ko against the lab kernel (W=1, V=1 pass through)
#   make tools         selftests/, tools/avcpu-run/, avcpu-stat/, avcpu-fuzz/ into build/
#   make initramfs     build/initramfs.cpio.gz
#   make unit          host unit tests of avcpu-run (native cc, no lab)
#   make check-docs    Documentation/ covers the uapi header (part of check)
#   make check         unit, check-docs, then boot every lab configuration
#   make debug-kernel  the debug host kernel (built once, cached)
#   make module-debug  build/debug/avcpu.ko against the debug kernel
#   make initramfs-debug  build/initramfs-debug.cpio.gz
#   make run           boot vhe, run /avcpu-run/avcpu-run on $(GUEST)
#   make shell         boot vhe with avcpu.ko loaded into an interactive shell
#   make bench         avcpu against KVM in the lab (icount and wall clock)
#   make fuzz          one long avcpu-fuzz run in FUZZ_CONFIG (not in check)
#   make checkpatch    checkpatch.pl --strict on module/ uapi/ tools/ sources
#   make install       arm64 host: dkms source tree, <linux/avcpu.h>, avcpu-run,
#                      udev rule (Documentation/install.rst)
#   make clean         remove build products (caches in ~/.cache/avcpu stay)
#
# See `make help` for the variables.

BUILD_DIR	?= $(CURDIR)/build
override BUILD_DIR := $(abspath $(BUILD_DIR))
LOG_DIR		:= $(BUILD_DIR)/logs
INITRAMFS	:= $(BUILD_DIR)/initramfs.cpio.gz

# Sources; the defaults are this repository.  Overridable to test the lab
# itself with stand-ins.
MODULE_SRC	?= $(CURDIR)
SELFTESTS_SRC	?= $(CURDIR)/selftests
VMM_SRC		?= $(CURDIR)/tools/avcpu-run
BENCH_SRC	?= $(CURDIR)/tools/avcpu-bench
FUZZ_SRC	?= $(CURDIR)/tools/avcpu-fuzz
STAT_SRC	?= $(CURDIR)/tools/avcpu-stat
override MODULE_SRC := $(abspath $(MODULE_SRC))
override SELFTESTS_SRC := $(abspath $(SELFTESTS_SRC))
override VMM_SRC := $(abspath $(VMM_SRC))
override BENCH_SRC := $(abspath $(BENCH_SRC))
override FUZZ_SRC := $(abspath $(FUZZ_SRC))
override STAT_SRC := $(abspath $(STAT_SRC))
BENCH_INITRAMFS	:= $(BUILD_DIR)/bench-initramfs.cpio.gz
FUZZ_INITRAMFS	:= $(BUILD_DIR)/fuzz-initramfs.cpio.gz
KO		:= $(MODULE_SRC)/avcpu.ko
UAPI		:= $(CURDIR)/uapi

# Lab knobs.
LAB		:= $(CURDIR)/tools/lab
LAB_CONFIGS	?= $(LAB)/configs
CONFIGS		?= $(shell awk '!/^[[:space:]]*(\#|$$)/ && $$2 == "check" { print $$1 }' $(LAB_CONFIGS))
BOOT_TIMEOUT	?= 600
TEST_TIMEOUT	?= 120
# Configurations whose kernel column is "debug" (KASAN, lockdep, kmemleak:
# everything on the host side runs several times slower).
DEBUG_BOOT_TIMEOUT ?= 900
DEBUG_TEST_TIMEOUT ?= 300
GUEST		?= linux
RUN_CONFIG	?= vhe
APPEND		?=
QEMU		?= qemu-system-aarch64
PYTHON		?= python3
# make bench: timeout for the benchmark binary in each boot (seconds).
BENCH_TIMEOUT	?= 900
# make bench: the icount boots (vhe nvhe kvm-nvhe), and the wall-clock
# boot (BENCH_WALL=0 leaves it out).
BENCH_CONFIGS	?= vhe nvhe kvm-nvhe
BENCH_WALL	?= 1
# make check: seconds of fuzzing in each configuration that loads avcpu.
FUZZ_BURST	?= 50
# The same in the 6.12 configurations and the dkms boot (the module dkms
# built is the one the other 6.1 boots fuzz for FUZZ_BURST).
KERNEL_FUZZ_BURST ?= 10
# make fuzz: the configuration and avcpu-fuzz's arguments.
FUZZ_CONFIG	?= vhe
FUZZ_ARGS	?= --seconds 600

# Cross compile on anything but arm64.
HOST_ARCH	:= $(shell uname -m)
ifeq ($(HOST_ARCH),aarch64)
CROSS_COMPILE	?=
else
CROSS_COMPILE	?= aarch64-linux-gnu-
endif
ifeq ($(origin CC),default)
CC		:= $(CROSS_COMPILE)gcc
endif

ifeq ($(V),1)
Q		:=
else
Q		:= @
MAKEFLAGS	+= --no-print-directory
endif
msg = @printf '  %-7s %s\n' '$(1)' '$(2)'
space := $(subst ,, )
comma := ,

# tools/lab/setup.sh (packages, lab kernel, headers, busybox, kselftest
# headers, checkpatch) runs once per make invocation of a lab goal and
# leaves its KEY=VALUE lines in build/lab.mk: KVER KDIR VMLINUZ BUSYBOX
# KSFT_DIR CHECKPATCH UBOOT DEBUG_KDIR DEBUG_IMAGE DEBUG_STAMP.  It
# installs only what is missing and says what and why first.  Variables
# given on the command line win.
# The goals below never prepare the lab (no apt, dpkg or downloads): they
# take what the lab cache already holds (setup.sh --query), else KDIR=,
# else the running kernel's headers on an arm64 host.  Everything else
# (check run shell bench fuzz initramfs debug-kernel checkpatch lab ...)
# is a lab goal.
NO_LAB_GOALS	:= all module tools selftests avcpu-run avcpu-stat avcpu-fuzz avcpu-bench \
		   clean help install unit check-docs
lab_goals	:= $(filter-out $(NO_LAB_GOALS),$(MAKECMDGOALS))

ifneq ($(lab_goals),)
LAB_MK := $(BUILD_DIR)/lab.mk
lab_ok := $(shell mkdir -p $(BUILD_DIR) && $(LAB)/setup.sh > $(LAB_MK).tmp && \
	    mv -f $(LAB_MK).tmp $(LAB_MK) && echo ok)
ifneq ($(lab_ok),ok)
$(error tools/lab/setup.sh failed)
endif
include $(LAB_MK)
else ifneq ($(filter-out clean help,$(or $(MAKECMDGOALS),all)),)
$(foreach l,$(shell $(LAB)/setup.sh --query 2>/dev/null),$(eval $(l)))
ifeq ($(KDIR)$(HOST_ARCH),aarch64)
KDIR		:= $(wildcard /lib/modules/$(shell uname -r)/build)
endif
endif

KBUILD_ARGS	= -C $(KDIR) M=$(MODULE_SRC) ARCH=arm64 \
		  $(if $(CROSS_COMPILE),CROSS_COMPILE=$(CROSS_COMPILE)) \
		  $(if $(W),W=$(W)) $(if $(V),V=$(V))

# What the userspace sub-Makefiles get (the contract, see `make help`).
SUBMAKE_ARGS	= CC=$(CC) CROSS_COMPILE=$(CROSS_COMPILE) KSFT_DIR=$(KSFT_DIR) \
		  UAPI=$(UAPI)

CHECK_LOGS	:= $(CONFIGS:%=$(LOG_DIR)/%.log)

# The debug kernel's configurations boot their own kernel and initramfs,
# with avcpu.ko built against that kernel from a mirror of the module's
# sources (kbuild writes its objects next to the sources it is given, so
# the two builds must not share a directory).
config_kernel	= $(shell awk -v n='$(1)' '!/^[[:space:]]*(\#|$$)/ && $$1 == n { print $$4 }' $(LAB_CONFIGS))
DEBUG_CONFIGS	:= $(shell awk '!/^[[:space:]]*(\#|$$)/ && $$4 == "debug" { print $$1 }' $(LAB_CONFIGS))
DEBUG_CHECK_LOGS := $(filter $(DEBUG_CONFIGS:%=$(LOG_DIR)/%.log),$(CHECK_LOGS))
# Debian's 6.12 kernels (kernel column 6.12, 6.12-16k): each with its own
# avcpu.ko, built from its own mirror of the sources, and initramfs; the
# selftests, tools and the Linux guest (6.1, 4 KiB pages) are shared.
# std (or 6.1) is Debian's 6.1 kernel, KDIR/VMLINUZ.
LAB_KERNELS	:= 6.12 6.12-16k
lab_kdir_6.12	 = $(KDIR_612)
lab_image_6.12	 = $(VMLINUZ_612)
lab_kdir_6.12-16k = $(KDIR_612_16K)
lab_image_6.12-16k = $(VMLINUZ_612_16K)
kernel_configs	= $(shell awk -v k='$(1)' '!/^[[:space:]]*(\#|$$)/ && $$4 == k { print $$1 }' $(LAB_CONFIGS))
$(foreach k,$(LAB_KERNELS),$(eval \
	KERNEL_CHECK_LOGS_$(k) := $(filter $(patsubst %,$(LOG_DIR)/%.log,$(call kernel_configs,$(k))),$(CHECK_LOGS))))
KERNEL_CHECK_LOGS := $(foreach k,$(LAB_KERNELS),$(KERNEL_CHECK_LOGS_$(k)))
STD_CHECK_LOGS	:= $(filter-out $(DEBUG_CHECK_LOGS) $(KERNEL_CHECK_LOGS),$(CHECK_LOGS))
DEBUG_BUILD	:= $(BUILD_DIR)/debug
DEBUG_MSRC	:= $(DEBUG_BUILD)/src
DEBUG_KO	:= $(DEBUG_BUILD)/avcpu.ko
DEBUG_INITRAMFS	:= $(BUILD_DIR)/initramfs-debug.cpio.gz
RUN_DEBUG	= $(filter debug,$(call config_kernel,$(RUN_CONFIG)))
# A RUN_CONFIG or FUZZ_CONFIG naming a 6.12 kernel boots it, with its
# initramfs (run, shell) or its avcpu.ko (fuzz).
RUN_KERNEL	= $(filter $(LAB_KERNELS),$(call config_kernel,$(RUN_CONFIG)))
RUN_INITRAMFS	= $(if $(RUN_DEBUG),initramfs-debug,$(if $(RUN_KERNEL),initramfs-$(RUN_KERNEL),initramfs))
RUN_FILES	= $(if $(RUN_DEBUG),$(DEBUG_IMAGE) -i $(DEBUG_INITRAMFS),$(if $(RUN_KERNEL),$(lab_image_$(RUN_KERNEL)) \
		  -i $(BUILD_DIR)/initramfs-$(RUN_KERNEL).cpio.gz,$(VMLINUZ) -i $(INITRAMFS)))

# The dkms configuration boots the avcpu.ko that Debian's dkms built
# (tools/lab/dkms-check, the host check dkms-build: make install, dkms add,
# dkms build for each of DKMS_KERNELS, a private dkms tree), and /init
# checks its version and srcversion (module_version).
DKMS_OUT	:= $(BUILD_DIR)/dkms
DKMS_KO		:= $(DKMS_OUT)/avcpu.ko
DKMS_INITRAMFS	:= $(BUILD_DIR)/initramfs-dkms.cpio.gz
DKMS_CHECK_LOGS	:= $(filter $(LOG_DIR)/dkms.log,$(CHECK_LOGS))
STD_CHECK_LOGS	:= $(filter-out $(DKMS_CHECK_LOGS),$(STD_CHECK_LOGS))
# KVER=KDIR pairs: the lab kernels, and the debug kernel once it is built.
DKMS_KERNELS	?= $(KVER)=$(KDIR) $(KVER_612)=$(KDIR_612) \
		   $(KVER_612_16K)=$(KDIR_612_16K) $(if $(wildcard $(DEBUG_STAMP)),$(shell \
		   cat $(DEBUG_KDIR)/include/config/kernel.release)=$(DEBUG_KDIR))

.PHONY: all lab module tools selftests avcpu-run avcpu-stat avcpu-fuzz initramfs \
	unit check-docs check run shell avcpu-bench bench-initramfs bench \
	fuzz-initramfs fuzz checkpatch clean help install FORCE debug-kernel \
	module-debug initramfs-debug \
	$(LAB_KERNELS:%=module-%) $(LAB_KERNELS:%=initramfs-%) module-kernels

all: module tools

# Prepare the lab (setup.sh above, as for every lab goal) and say what it has.
lab:
	@echo "lab: kernel $(KVER) (KDIR=$(KDIR)), kselftest headers $(KSFT_DIR)"

module:
	$(Q)test -n "$(KDIR)" || { echo "error: no kernel headers to build avcpu.ko against:" \
		"run 'make lab' (the lab kernel's headers) or give KDIR=<headers dir>" >&2; exit 1; }
	$(call msg,MODULE,$(KO) [$(KDIR)])
	$(Q)test -d "$(KDIR)" || { echo "error: KDIR='$(KDIR)' is not a directory" >&2; exit 1; }
	$(Q)$(MAKE) $(KBUILD_ARGS) modules

tools: selftests avcpu-run avcpu-stat avcpu-fuzz

# The compiler for the userspace tools, and the kselftest headers, are
# not installed by these goals: say what is missing and how to get it.
need_cc = command -v $(firstword $(CC)) >/dev/null || { echo "error: $(CC) not found:" \
	"apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross, or run 'make lab'" >&2; exit 1; }

selftests:
	$(Q)test -f "$(KSFT_DIR)/kselftest_harness.h" || { echo "error: the selftests need" \
		"kselftest_harness.h from Debian's linux-source-6.1 (KSFT_DIR='$(KSFT_DIR)')." \
		"'make lab' unpacks it into the lab cache; or apt-get install linux-source-6.1," \
		"unpack /usr/src/linux-source-6.1.tar.xz and give" \
		"KSFT_DIR=<source>/tools/testing/selftests" >&2; exit 1; }
	$(Q)$(need_cc)
	$(call msg,MAKE,$(SELFTESTS_SRC) -> $(BUILD_DIR)/selftests)
	$(Q)test -f $(SELFTESTS_SRC)/Makefile || \
		{ echo "error: $(SELFTESTS_SRC)/Makefile missing" >&2; exit 1; }
	$(Q)mkdir -p $(BUILD_DIR)/selftests
	$(Q)$(MAKE) -C $(SELFTESTS_SRC) $(SUBMAKE_ARGS) \
		O=$(BUILD_DIR)/selftests OUTPUT=$(BUILD_DIR)/selftests

avcpu-run:
	$(Q)$(need_cc)
	$(call msg,MAKE,$(VMM_SRC) -> $(BUILD_DIR)/avcpu-run)
	$(Q)test -f $(VMM_SRC)/Makefile || \
		{ echo "error: $(VMM_SRC)/Makefile missing" >&2; exit 1; }
	$(Q)mkdir -p $(BUILD_DIR)/avcpu-run
	$(Q)$(MAKE) -C $(VMM_SRC) $(SUBMAKE_ARGS) \
		O=$(BUILD_DIR)/avcpu-run OUTPUT=$(BUILD_DIR)/avcpu-run

avcpu-stat:
	$(call msg,MAKE,$(STAT_SRC) -> $(BUILD_DIR)/avcpu-stat)
	$(Q)mkdir -p $(BUILD_DIR)/avcpu-stat
	$(Q)$(MAKE) -C $(STAT_SRC) $(SUBMAKE_ARGS) \
		O=$(BUILD_DIR)/avcpu-stat OUTPUT=$(BUILD_DIR)/avcpu-stat

avcpu-fuzz:
	$(Q)$(need_cc)
	$(call msg,MAKE,$(FUZZ_SRC) -> $(BUILD_DIR)/avcpu-fuzz)
	$(Q)mkdir -p $(BUILD_DIR)/avcpu-fuzz
	$(Q)$(MAKE) -C $(FUZZ_SRC) $(SUBMAKE_ARGS) \
		O=$(BUILD_DIR)/avcpu-fuzz OUTPUT=$(BUILD_DIR)/avcpu-fuzz

# $(call mirror_module,DIR,KDIR): build avcpu.ko against KDIR from a mirror
# of the module's sources in DIR/src (symbolic links: objects stay, so
# kbuild rebuilds what changed; links to removed files go), into DIR.
define mirror_module
	$(Q)test -d "$(2)" || { echo "error: no kernel headers at '$(2)'" >&2; exit 1; }
	$(Q)mkdir -p $(1)/src
	$(Q)find $(1)/src -type l -delete
	$(Q)cd $(MODULE_SRC) && find Kbuild VERSION module uapi \( -name Kbuild -o -name VERSION \
		-o -name '*.[chS]' \) -type f | while read -r f; do \
		mkdir -p "$$(dirname "$(1)/src/$$f")" && \
		ln -s "$(MODULE_SRC)/$$f" "$(1)/src/$$f" || exit 1; \
		done
	$(Q)$(MAKE) -C $(2) M=$(1)/src ARCH=arm64 \
		$(if $(CROSS_COMPILE),CROSS_COMPILE=$(CROSS_COMPILE)) \
		$(if $(W),W=$(W)) $(if $(V),V=$(V)) modules
	$(Q)cp -f $(1)/src/avcpu.ko $(1)/avcpu.ko
endef

# $(call lab_initramfs,OUT,KO[,KDIR]): the check initramfs for one
# avcpu.ko, with the zram modules (test_hostmm's swap) of the Debian
# kernel whose headers are KDIR (default the std kernel's; none: none).
lab_kmods = $(if $(filter none,$(1)),,--kmods $(abspath $(1)/../../../lib/modules/$(patsubst \
	    linux-headers-%,%,$(notdir $(1)))))
lab_initramfs = $(PYTHON) $(LAB)/mkinitramfs -o $(1) --init $(LAB)/init \
		--busybox $(BUSYBOX) --module $(2) --require-tests \
		$(call lab_kmods,$(if $(3),$(3),$(KDIR))) \
		--selftests $(BUILD_DIR)/selftests --vmm $(BUILD_DIR)/avcpu-run \
		--stat $(BUILD_DIR)/avcpu-stat/avcpu-stat \
		--uboot $(UBOOT) --guest-kernel $(VMLINUZ) \
		--fuzz $(BUILD_DIR)/avcpu-fuzz/avcpu-fuzz

initramfs: module tools
	$(call msg,GEN,$(INITRAMFS))
	$(Q)$(call lab_initramfs,$(INITRAMFS),$(KO))

# The debug kernel: built once per linux-source version and debug.config
# (the stamp's directory is named after both, see tools/lab/debug-kernel),
# by the kernel's own make with this make's jobs.
debug-kernel: $(DEBUG_STAMP)

$(DEBUG_STAMP):
	+$(Q)$(LAB)/debug-kernel build

module-debug: $(DEBUG_STAMP)
	$(call msg,MODULE,$(DEBUG_KO) [$(DEBUG_KDIR)])
	$(call mirror_module,$(DEBUG_BUILD),$(DEBUG_KDIR))

initramfs-debug: module-debug tools
	$(call msg,GEN,$(DEBUG_INITRAMFS))
	$(Q)$(call lab_initramfs,$(DEBUG_INITRAMFS),$(DEBUG_KO),none)

# One boot per configuration; `make -j check` boots them in parallel.  When
# a debug configuration is asked for, the debug kernel is built before any
# boot, so that a cold build has the CPUs to itself.
$(STD_CHECK_LOGS): $(LOG_DIR)/%.log: initramfs FORCE
	$(Q)$(LAB)/boot -c $* -m check -k $(VMLINUZ) -i $(INITRAMFS) -l $@ \
		-t $(BOOT_TIMEOUT) -T $(TEST_TIMEOUT) -f $(LAB_CONFIGS) \
		-q $(QEMU) -a "avcpu_lab.fuzz=--seconds,$(FUZZ_BURST)$(if $(APPEND), $(APPEND))"

$(DEBUG_CHECK_LOGS): $(LOG_DIR)/%.log: initramfs-debug FORCE
	$(Q)$(LAB)/boot -c $* -m check -k $(DEBUG_IMAGE) -i $(DEBUG_INITRAMFS) -l $@ \
		-t $(DEBUG_BOOT_TIMEOUT) -T $(DEBUG_TEST_TIMEOUT) -f $(LAB_CONFIGS) \
		-q $(QEMU) -a "avcpu_lab.fuzz=--seconds,$(FUZZ_BURST)$(if $(APPEND), $(APPEND))"

ifneq ($(DEBUG_CHECK_LOGS),)
$(STD_CHECK_LOGS) $(KERNEL_CHECK_LOGS): | $(DEBUG_STAMP)
endif

# Documentation/ against the uapi header and avcpu-run's options: KTAP,
# in a fraction of a second, so that check fails before booting anything.
check-docs:
	$(Q)mkdir -p $(LOG_DIR)
	$(Q)$(PYTHON) $(LAB)/check-docs $(CURDIR) > $(LOG_DIR)/docs.out; st=$$?; \
	cat $(LOG_DIR)/docs.out; \
	{ echo '# avcpu-lab: begin config=docs mode=host'; cat $(LOG_DIR)/docs.out; \
	  echo "# avcpu-lab: end tests=$$(grep -c '^\(not \)\{0,1\}ok ' $(LOG_DIR)/docs.out)"; \
	} > $(LOG_DIR)/docs.log; exit $$st

# Host unit tests of avcpu-run's pure logic, with the machine's own
# compiler: no lab, no cross compiler.  The fdt test needs dtc.
unit:
	$(Q)mkdir -p $(LOG_DIR)
	$(Q)$(MAKE) -C $(VMM_SRC)/tests O=$(BUILD_DIR)/unit UAPI=$(UAPI) \
		LAB_LOG=$(LOG_DIR)/unit.log run


# Host-side checks, after the boots: each writes build/logs/<name>.log in
# the boots' KTAP form.  tty: `make run` on a pseudo-terminal (tmux), the
# guest's shell prompt, a command, poweroff, the terminal restored.
# nolab: make help/clean/module/tools with an empty lab cache install
# nothing (stand-ins for apt-get, dpkg, ... record calls).
# dkms-build: make install DESTDIR=, dkms add/build (tools/lab/dkms-check).
# qemu-layout: avcpu-run's layout guest under QEMU itself, which must load
# it where selftests/test_layout expects avcpu-run to (seconds).
HOST_CHECKS	?= tty nolab dkms-build qemu-layout
HOST_CHECK_LOGS	:= $(HOST_CHECKS:%=$(LOG_DIR)/%.log)
TTY_CONFIG	?= vhe

$(LOG_DIR)/tty.log: $(CHECK_LOGS) FORCE
	$(Q)$(LAB)/tty-check -l $@ -t $(BOOT_TIMEOUT) -- make -C $(CURDIR) run \
		BUILD_DIR=$(BUILD_DIR) RUN_CONFIG=$(TTY_CONFIG) GUEST=linux QEMU=$(QEMU)

$(LOG_DIR)/qemu-layout.log: avcpu-run FORCE
	$(Q)$(LAB)/qemu-layout-check -l $@ -B $(BUILD_DIR) -q $(QEMU)

$(LOG_DIR)/nolab.log: FORCE
	$(Q)$(LAB)/nolab-check -l $@ -C $(CURDIR)

$(LOG_DIR)/dkms-build.log: avcpu-run FORCE
	$(Q)$(LAB)/dkms-check -l $@ -o $(DKMS_OUT) -C $(CURDIR) $(DKMS_KERNELS:%=-k %)

$(DKMS_CHECK_LOGS): $(LOG_DIR)/dkms-build.log initramfs FORCE
	$(Q)if [ ! -f $(DKMS_KO) ]; then \
		echo "# no $(DKMS_KO): see $(LOG_DIR)/dkms-build.log" > $@; exit 0; fi; \
	$(call lab_initramfs,$(DKMS_INITRAMFS),$(DKMS_KO)) && \
	$(LAB)/boot -c dkms -m check -k $(VMLINUZ) -i $(DKMS_INITRAMFS) -l $@ \
		-t $(BOOT_TIMEOUT) -T $(TEST_TIMEOUT) -f $(LAB_CONFIGS) -q $(QEMU) \
		-a "avcpu_lab.modver=$(VERSION),$$(cat $(DKMS_KO).srcversion) avcpu_lab.fuzz=--seconds,$(KERNEL_FUZZ_BURST)$(if $(APPEND), $(APPEND))"

SUMMARY_LOGS	= $(LOG_DIR)/unit.log $(LOG_DIR)/docs.log $(CHECK_LOGS) $(HOST_CHECK_LOGS) $(if $(DKMS_CHECK_LOGS),$(filter-out \
		  $(HOST_CHECK_LOGS),$(LOG_DIR)/dkms-build.log))

# The unit tests and the docs check first: no boot or host check starts
# before they pass, even with -j.
$(CHECK_LOGS) $(HOST_CHECK_LOGS): | unit check-docs

# As the boots above: a cold debug kernel build has the CPUs to itself.
ifneq ($(DEBUG_CHECK_LOGS),)
$(DKMS_CHECK_LOGS) $(HOST_CHECK_LOGS): | $(DEBUG_STAMP)
endif

check: unit check-docs $(CHECK_LOGS) $(HOST_CHECK_LOGS)
	$(Q)$(PYTHON) $(LAB)/ktap-summary $(SUMMARY_LOGS)

# module-6.12: build/kernel-6.12/avcpu.ko against the 6.12 headers, from
# a mirror of the sources as for module-debug; initramfs-6.12 packs it.
define lab_kernel_rules
module-$(1):
	$$(call msg,MODULE,$(BUILD_DIR)/kernel-$(1)/avcpu.ko [$$(lab_kdir_$(1))])
	$$(call mirror_module,$(BUILD_DIR)/kernel-$(1),$$(lab_kdir_$(1)))

initramfs-$(1): module-$(1) tools
	$$(call msg,GEN,$(BUILD_DIR)/initramfs-$(1).cpio.gz)
	$$(Q)$$(call lab_initramfs,$(BUILD_DIR)/initramfs-$(1).cpio.gz,$(BUILD_DIR)/kernel-$(1)/avcpu.ko,$$(lab_kdir_$(1)))

$$(KERNEL_CHECK_LOGS_$(1)): $(LOG_DIR)/%.log: initramfs-$(1) FORCE
	$$(Q)$$(LAB)/boot -c $$* -m check -k $$(lab_image_$(1)) \
		-i $(BUILD_DIR)/initramfs-$(1).cpio.gz -l $$@ \
		-t $$(BOOT_TIMEOUT) -T $$(TEST_TIMEOUT) -f $$(LAB_CONFIGS) \
		-q $$(QEMU) -a "avcpu_lab.fuzz=--seconds,$$(KERNEL_FUZZ_BURST)$$(if $$(APPEND), $$(APPEND))"
endef
$(foreach k,$(LAB_KERNELS),$(eval $(call lab_kernel_rules,$(k))))

# avcpu.ko against every lab kernel's headers (W=1 passes through).
module-kernels: module $(LAB_KERNELS:%=module-%)


# RUN_CONFIG may name a debug configuration: then its kernel and initramfs.
run: $(RUN_INITRAMFS)
	$(Q)$(LAB)/boot -c $(RUN_CONFIG) -m run \
		-k $(RUN_FILES) \
		-l $(LOG_DIR)/run.log -t $(BOOT_TIMEOUT) -f $(LAB_CONFIGS) \
		-q $(QEMU) -g $(GUEST) $(if $(APPEND),-a "$(APPEND)")
	$(Q)st=$$(sed -n 's/^# avcpu-run: exit status \([^[:space:]]*\).*/\1/p' \
		$(LOG_DIR)/run.log | tail -n 1); \
	echo "avcpu-run $(GUEST): exit status $${st:-unknown} (log: $(LOG_DIR)/run.log)"; \
	test "$$st" = 0

shell: $(RUN_INITRAMFS)
	$(Q)$(LAB)/boot -c $(RUN_CONFIG) -m shell \
		-k $(RUN_FILES) \
		-l $(LOG_DIR)/shell.log -t 86400 -f $(LAB_CONFIGS) -q $(QEMU) \
		$(if $(APPEND),-a "$(APPEND)")

avcpu-bench:
	$(Q)$(need_cc)
	$(call msg,MAKE,$(BENCH_SRC) -> $(BUILD_DIR)/avcpu-bench)
	$(Q)mkdir -p $(BUILD_DIR)/avcpu-bench
	$(Q)$(MAKE) -C $(BENCH_SRC) $(SUBMAKE_ARGS) \
		O=$(BUILD_DIR)/avcpu-bench OUTPUT=$(BUILD_DIR)/avcpu-bench

# avcpu-run, its guests and the lab's kernel too: bench rows 12, 12b.
bench-initramfs: module avcpu-bench avcpu-run
	$(call msg,GEN,$(BENCH_INITRAMFS))
	$(Q)$(PYTHON) $(LAB)/mkinitramfs -o $(BENCH_INITRAMFS) --init $(LAB)/init \
		--busybox $(BUSYBOX) --module $(KO) --bench $(BUILD_DIR)/avcpu-bench \
		--vmm $(BUILD_DIR)/avcpu-run --guest-kernel $(VMLINUZ)

# Not part of check: icount boots (VHE; nVHE avcpu; nVHE KVM), then one
# wall-clock boot, then one table.  See tools/avcpu-bench/run-bench.
bench: bench-initramfs
	$(Q)$(BENCH_SRC)/run-bench -k $(VMLINUZ) -i $(BENCH_INITRAMFS) \
		-o $(LOG_DIR) -p $(BUILD_DIR)/avcpu-bench/insn-count.so \
		-t $(BOOT_TIMEOUT) -T $(BENCH_TIMEOUT) -q $(QEMU) \
		-c "$(BENCH_CONFIGS)" $(if $(filter 0,$(BENCH_WALL)),-W) \
		$(if $(APPEND),-a "$(APPEND)")

# A debug FUZZ_CONFIG (kernel column "debug") boots the debug kernel with
# the avcpu.ko built against it.
FUZZ_DEBUG	= $(filter debug,$(call config_kernel,$(FUZZ_CONFIG)))
FUZZ_KERNEL	= $(filter $(LAB_KERNELS),$(call config_kernel,$(FUZZ_CONFIG)))

fuzz-initramfs: avcpu-fuzz $(if $(FUZZ_DEBUG),module-debug,$(if $(FUZZ_KERNEL),module-$(FUZZ_KERNEL),module))
	$(call msg,GEN,$(FUZZ_INITRAMFS))
	$(Q)$(PYTHON) $(LAB)/mkinitramfs -o $(FUZZ_INITRAMFS) --init $(LAB)/init \
		--busybox $(BUSYBOX) --module $(if $(FUZZ_DEBUG),$(DEBUG_KO),$(if $(FUZZ_KERNEL),$(BUILD_DIR)/kernel-$(FUZZ_KERNEL)/avcpu.ko,$(KO))) \
		--fuzz $(BUILD_DIR)/avcpu-fuzz/avcpu-fuzz

# Not part of check: one boot of FUZZ_CONFIG that loads avcpu.ko, runs
# avcpu-fuzz $(FUZZ_ARGS) (no selftests), unloads and checks dmesg.
fuzz: fuzz-initramfs
	$(Q)secs=$$(echo ' $(FUZZ_ARGS) ' | sed -n 's/.* --seconds[ =]*\([0-9][0-9]*\) .*/\1/p'); \
	$(LAB)/boot -c $(FUZZ_CONFIG) -m check \
		-k $(if $(FUZZ_DEBUG),$(DEBUG_IMAGE),$(if $(FUZZ_KERNEL),$(lab_image_$(FUZZ_KERNEL)),$(VMLINUZ))) \
		-i $(FUZZ_INITRAMFS) -l $(LOG_DIR)/fuzz-$(FUZZ_CONFIG).log \
		-t $$(($${secs:-50} + $(BOOT_TIMEOUT))) -T $(TEST_TIMEOUT) \
		-f $(LAB_CONFIGS) -q $(QEMU) \
		-a "avcpu_lab.fuzz=$(subst $(space),$(comma),$(strip $(FUZZ_ARGS)))$(if $(APPEND), $(APPEND))"
	$(Q)grep -h '^# avcpu-fuzz: \(seed\|summary\|rounds\|exits\|errnos\|FINDING\|MemAvail\|nr_foll\|delete\)' \
		$(LOG_DIR)/fuzz-$(FUZZ_CONFIG).log || true
	$(Q)$(PYTHON) $(LAB)/ktap-summary $(LOG_DIR)/fuzz-$(FUZZ_CONFIG).log

# make install: for an arm64 host.  The module as a DKMS source tree
# (dkms install avcpu/$(VERSION) builds it for each kernel), the uapi
# header, avcpu-run, the udev rule; with AUTOLOAD=1 a modules-load.d
# file.  DESTDIR-aware.  See Documentation/install.rst.
VERSION		:= $(shell cat $(CURDIR)/VERSION)
PREFIX		?= /usr
DKMS_SRC_DIR	?= /usr/src/avcpu-$(VERSION)
UDEV_RULES_DIR	?= /etc/udev/rules.d
MODULES_LOAD_DIR ?= /etc/modules-load.d
AUTOLOAD	?=
DKMS_SRC_FILES	 = Kbuild VERSION dkms.conf \
		   $(patsubst $(CURDIR)/%,%,$(sort $(wildcard $(CURDIR)/module/*.[chS] \
		   $(CURDIR)/module/*/*.[chS] $(CURDIR)/uapi/linux/*.h)))

install: avcpu-run
	$(call msg,INSTALL,$(DESTDIR)$(DKMS_SRC_DIR))
	$(Q)for f in $(DKMS_SRC_FILES); do \
		install -D -m 0644 $(CURDIR)/$$f $(DESTDIR)$(DKMS_SRC_DIR)/$$f || exit 1; done
	$(call msg,INSTALL,$(DESTDIR)$(PREFIX)/include/linux/avcpu.h)
	$(Q)install -D -m 0644 $(UAPI)/linux/avcpu.h $(DESTDIR)$(PREFIX)/include/linux/avcpu.h
	$(call msg,INSTALL,$(DESTDIR)$(PREFIX)/bin/avcpu-run)
	$(Q)install -D -m 0755 $(BUILD_DIR)/avcpu-run/avcpu-run $(DESTDIR)$(PREFIX)/bin/avcpu-run
	$(call msg,INSTALL,$(DESTDIR)$(UDEV_RULES_DIR)/60-avcpu.rules)
	$(Q)install -D -m 0644 $(CURDIR)/tools/udev/60-avcpu.rules \
		$(DESTDIR)$(UDEV_RULES_DIR)/60-avcpu.rules
ifneq ($(AUTOLOAD),)
	$(call msg,INSTALL,$(DESTDIR)$(MODULES_LOAD_DIR)/avcpu.conf)
	$(Q)install -D -m 0644 $(CURDIR)/tools/udev/avcpu-modules-load.conf \
		$(DESTDIR)$(MODULES_LOAD_DIR)/avcpu.conf
endif
	@echo "Next: dkms install avcpu/$(VERSION) (builds and installs avcpu.ko)," \
	      "udevadm control --reload, then modprobe avcpu."

CHECKPATCH_DIRS		?= module uapi tools
# Out of tree (--no-tree) checkpatch cannot see that names such as
# ESR_ELx_EC or CTR_EL0_DminLine_SHIFT are the kernel's own, so its
# CamelCase check only ever flags those.  Kernel version tests live in
# module/compat.h alone: instead of checkpatch's LINUX_VERSION_CODE
# warning, the target fails on one anywhere else.
CHECKPATCH_IGNORE	?= CAMELCASE,LINUX_VERSION_CODE
CHECKPATCH_FLAGS	?= --strict --no-tree --show-types --color=never \
			   $(if $(CHECKPATCH_IGNORE),--ignore $(CHECKPATCH_IGNORE))

checkpatch:
	$(Q)bad=$$(grep -rl 'LINUX_VERSION_CODE' $(CHECKPATCH_DIRS) | grep -vx module/compat.h); \
	if [ -n "$$bad" ]; then echo "checkpatch: version tests outside module/compat.h:" $$bad; exit 1; fi
	$(Q)files=$$(find $(CHECKPATCH_DIRS) -name '*.[ch]' 2>/dev/null | LC_ALL=C sort); \
	if [ -z "$$files" ]; then echo "checkpatch: no sources"; exit 0; fi; \
	$(CHECKPATCH) $(CHECKPATCH_FLAGS) -f $$files > $(BUILD_DIR)/checkpatch.log 2>&1; \
	rm -f .checkpatch-camelcase.*; \
	cat $(BUILD_DIR)/checkpatch.log; \
	awk '/^total: [0-9]+ errors/ { e += $$2; w += $$4; c += $$6 } \
	     END { printf "checkpatch: %d errors, %d warnings, %d checks\n", e, w, c; \
		   exit e > 0 }' $(BUILD_DIR)/checkpatch.log

clean:
	$(call msg,CLEAN,$(BUILD_DIR) and kbuild output)
	$(Q)rm -rf $(BUILD_DIR)
	$(Q)rm -f $(addprefix $(MODULE_SRC)/,*.o *.ko *.mod *.mod.c .*.cmd \
		Module.symvers modules.order .checkpatch-camelcase.*)
	$(Q)rm -rf $(MODULE_SRC)/.tmp_versions
	$(Q)if [ -d $(MODULE_SRC)/module ]; then \
		find $(MODULE_SRC)/module -type f \( -name '*.o' -o -name '.*.cmd' \
		-o -name '*.o.d' -o -name '.*.d' \) -print0 | xargs -0 rm -f; fi

help:
	@echo 'Targets:'
	@echo '  lab         prepare the QEMU lab: packages, Debian arm64 kernel, headers, busybox'
	@echo '              (only what is missing, says what and why; every lab goal does this)'
	@echo '  module      avcpu.ko (kbuild; W=1 V=1 pass through); installs nothing: KDIR='
	@echo '              or the lab kernel if `make lab` ran, else /lib/modules/`uname -r`/build'
	@echo '  tools       $$(MAKE) -C selftests, tools/avcpu-run, avcpu-stat, avcpu-fuzz into build/'
	@echo '              (installs nothing; selftests need KSFT_DIR: make lab)'
	@echo '  initramfs   build/initramfs.cpio.gz: /init busybox avcpu.ko tests VMM'
	@echo '  unit        host unit tests of avcpu-run (native cc, dtc; seconds, KTAP)'
	@echo '  check-docs  Documentation/ covers uapi/linux/avcpu.h and avcpu-run (part of check)'
	@echo '  check       unit, check-docs, then boot each of CONFIGS; last line "N passed, N failed"'
	@echo '  debug-kernel   build the debug host kernel once (KASAN, lockdep, kmemleak, ...)'
	@echo '  module-debug   build/debug/avcpu.ko against the debug kernel'
	@echo '  initramfs-debug  build/initramfs-debug.cpio.gz for the debug configurations'
	@echo '  module-6.12 module-6.12-16k  build/kernel-<k>/avcpu.ko against Debian 12'"'"'s 6.12 kernels'
	@echo '  module-kernels  avcpu.ko against every lab kernel (6.1, 6.12, 6.12-16k)'
	@echo '  run         boot RUN_CONFIG and run /avcpu-run/avcpu-run on GUEST'
	@echo '  shell       boot RUN_CONFIG into a shell with avcpu.ko loaded'
	@echo '  bench       avcpu vs KVM in the lab: icount (VHE, nVHE) and wall clock, one table'
	@echo '  fuzz        one avcpu-fuzz run: FUZZ_CONFIG=vhe FUZZ_ARGS="--seconds 600 --seed 1"'
	@echo '  checkpatch  checkpatch.pl --strict --no-tree; fails on errors'
	@echo '  clean       remove build/ and kbuild output'
	@echo '  install     arm64 host: /usr/src/avcpu-VERSION (dkms), avcpu.h, avcpu-run, udev rule'
	@echo '              DESTDIR= PREFIX=/usr AUTOLOAD=1 (modules-load.d); Documentation/install.rst'
	@echo 'Variables:'
	@echo '  CONFIGS="vhe nvhe"  configurations from tools/lab/configs (default: set=check)'
	@echo '  HOST_CHECKS="tty nolab dkms-build qemu-layout"  host-side checks in check (none: HOST_CHECKS=)'
	@echo '  KDIR=...            kernel headers (default: lab kernel from setup.sh)'
	@echo '  KSFT_DIR=...        tools/testing/selftests of a linux source (default: lab cache)'
	@echo '  CROSS_COMPILE=...   default aarch64-linux-gnu- unless the host is arm64'
	@echo '  GUEST=hello.bin     image for run (relative to /avcpu-run/; uboot = u-boot.bin)'
	@echo '  BOOT_TIMEOUT=600    seconds per QEMU boot; TEST_TIMEOUT=120 per test binary'
	@echo '  DEBUG_BOOT_TIMEOUT=900 DEBUG_TEST_TIMEOUT=300  the same for debug configurations'
	@echo '  BENCH_TIMEOUT=900   seconds for avcpu-bench in each bench boot'
	@echo '  BENCH_CONFIGS="vhe nvhe kvm-nvhe"  bench icount boots; BENCH_WALL=0: no wall-clock boot'
	@echo '  FUZZ_BURST=50       seconds of avcpu-fuzz in each check boot that loads avcpu'
	@echo '  KERNEL_FUZZ_BURST=10  the same in the 6.12 configurations and dkms'
	@echo '  FUZZ_CONFIG=vhe     configuration for make fuzz; FUZZ_ARGS: avcpu-fuzz options'
	@echo '  APPEND="..."        extra kernel command line for every boot'
	@echo '  BUILD_DIR=build     build products; caches: AVCPU_CACHE (~/.cache/avcpu)'
	@echo '  V=1                 show commands'
	@echo 'Sub-Makefile contract (selftests/, tools/avcpu-run/):'
	@echo '  invoked as $$(MAKE) -C DIR CC=... CROSS_COMPILE=... KSFT_DIR=... UAPI=... O=... OUTPUT=...'
	@echo '  build static aarch64 executables into $$(O)/ only: selftests -> $$(O)/test_*,'
	@echo '  avcpu-run -> $$(O)/avcpu-run and guest images $$(O)/*.bin'

FORCE:
