cmd_/work/main/module/regs.o :=  aarch64-linux-gnu-gcc-12 -Wp,-MMD,/work/main/module/.regs.o.d -nostdinc -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include -I./arch/arm64/include/generated -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include -I./include -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi -I./arch/arm64/include/generated/uapi -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi -I./include/generated/uapi -include /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler-version.h -include /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kconfig.h -include /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler_types.h -D__KERNEL__ -mlittle-endian -DCC_USING_PATCHABLE_FUNCTION_ENTRY -DKASAN_SHADOW_SCALE_SHIFT= -fmacro-prefix-map=/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/= -DKBUILD_EXTRA_WARN1 -Wall -Wundef -Werror=strict-prototypes -Wno-trigraphs -fno-strict-aliasing -fno-common -fshort-wchar -fno-PIE -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type -Wno-format-security -std=gnu11 -mgeneral-regs-only -DCONFIG_CC_HAS_K_CONSTRAINT=1 -Wno-psabi -mabi=lp64 -fno-asynchronous-unwind-tables -fno-unwind-tables -mbranch-protection=pac-ret+leaf -Wa,-march=armv8.5-a -DARM64_ASM_ARCH='"armv8.5-a"' -DKASAN_SHADOW_SCALE_SHIFT= -fno-delete-null-pointer-checks -Wno-frame-address -Wno-format-truncation -Wno-format-overflow -Wno-address-of-packed-member -O2 -fno-allow-store-data-races -Wframe-larger-than=2048 -fstack-protector-strong -Wno-main -Wno-unused-but-set-variable -Wno-unused-const-variable -Wno-dangling-pointer -fno-omit-frame-pointer -fno-optimize-sibling-calls -ftrivial-auto-var-init=zero -fno-stack-clash-protection -fpatchable-function-entry=2 -Wvla -Wno-pointer-sign -Wcast-function-type -Wno-stringop-truncation -Wno-stringop-overflow -Wno-restrict -Wno-maybe-uninitialized -Wno-array-bounds -Wno-alloc-size-larger-than -Wimplicit-fallthrough=5 -fno-strict-overflow -fno-stack-check -fconserve-stack -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init -fno-builtin-wcslen -Wno-packed-not-aligned -Wextra -Wunused -Wno-unused-parameter -Wmissing-declarations -Wmissing-format-attribute -Wmissing-prototypes -Wold-style-definition -Wmissing-include-dirs -Wunused-but-set-variable -Wunused-const-variable -Wpacked-not-aligned -Wstringop-truncation -Wno-missing-field-initializers -Wno-sign-compare -Wno-type-limits -Wno-shift-negative-value -g -mstack-protector-guard=sysreg -mstack-protector-guard-reg=sp_el0 -mstack-protector-guard-offset=1360 -I/work/main/uapi -I/work/main/module  -DMODULE  -DKBUILD_BASENAME='"regs"' -DKBUILD_MODNAME='"avcpu"' -D__KBUILD_MODNAME=kmod_avcpu -c -o /work/main/module/regs.o /work/main/module/regs.c  

source_/work/main/module/regs.o := /work/main/module/regs.c

deps_/work/main/module/regs.o := \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler_types.h \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler_attributes.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler-gcc.h \
    $(wildcard include/config/RETPOLINE) \
    $(wildcard include/config/GCC_ASM_GOTO_OUTPUT_WORKAROUND) \
    $(wildcard include/config/ARCH_USE_BUILTIN_BSWAP) \
    $(wildcard include/config/SHADOW_CALL_STACK) \
    $(wildcard include/config/KCOV) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/compiler.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/uaccess.h \
    $(wildcard include/config/PREEMPT_COUNT) \
    $(wildcard include/config/ARCH_HAS_SUBPAGE_FAULTS) \
    $(wildcard include/config/HARDENED_USERCOPY) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/fault-inject-usercopy.h \
    $(wildcard include/config/FAULT_INJECTION_USERCOPY) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/64BIT) \
    $(wildcard include/config/ARCH_32BIT_USTAT_F_TINODE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/types.h \
  arch/arm64/include/generated/uapi/asm/types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/int-ll64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/int-ll64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/bitsperlong.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitsperlong.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/bitsperlong.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/posix_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/stddef.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/stddef.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/posix_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/posix_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/instrumented.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/rwonce.h \
    $(wildcard include/config/LTO) \
    $(wildcard include/config/AS_HAS_LDAPR) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/rwonce.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kasan-checks.h \
    $(wildcard include/config/KASAN_GENERIC) \
    $(wildcard include/config/KASAN_SW_TAGS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kcsan-checks.h \
    $(wildcard include/config/KCSAN) \
    $(wildcard include/config/KCSAN_WEAK_MEMORY) \
    $(wildcard include/config/KCSAN_IGNORE_ATOMICS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kmsan-checks.h \
    $(wildcard include/config/KMSAN) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/minmax.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/build_bug.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/const.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/const.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/const.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/sched.h \
    $(wildcard include/config/LOCKDEP) \
    $(wildcard include/config/DEBUG_ATOMIC_SLEEP) \
    $(wildcard include/config/PREEMPT_RT) \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_NATIVE) \
    $(wildcard include/config/SMP) \
    $(wildcard include/config/SCHED_INFO) \
    $(wildcard include/config/SCHEDSTATS) \
    $(wildcard include/config/SCHED_CORE) \
    $(wildcard include/config/FAIR_GROUP_SCHED) \
    $(wildcard include/config/RT_GROUP_SCHED) \
    $(wildcard include/config/RT_MUTEXES) \
    $(wildcard include/config/UCLAMP_TASK) \
    $(wildcard include/config/UCLAMP_BUCKETS_COUNT) \
    $(wildcard include/config/KMAP_LOCAL) \
    $(wildcard include/config/THREAD_INFO_IN_TASK) \
    $(wildcard include/config/CGROUP_SCHED) \
    $(wildcard include/config/PREEMPT_NOTIFIERS) \
    $(wildcard include/config/BLK_DEV_IO_TRACE) \
    $(wildcard include/config/PREEMPT_RCU) \
    $(wildcard include/config/TASKS_RCU) \
    $(wildcard include/config/TASKS_TRACE_RCU) \
    $(wildcard include/config/MEMCG) \
    $(wildcard include/config/LRU_GEN) \
    $(wildcard include/config/COMPAT_BRK) \
    $(wildcard include/config/CGROUPS) \
    $(wildcard include/config/BLK_CGROUP) \
    $(wildcard include/config/PSI) \
    $(wildcard include/config/PAGE_OWNER) \
    $(wildcard include/config/EVENTFD) \
    $(wildcard include/config/IOMMU_SVA) \
    $(wildcard include/config/CPU_SUP_INTEL) \
    $(wildcard include/config/TASK_DELAY_ACCT) \
    $(wildcard include/config/STACKPROTECTOR) \
    $(wildcard include/config/ARCH_HAS_SCALED_CPUTIME) \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_GEN) \
    $(wildcard include/config/NO_HZ_FULL) \
    $(wildcard include/config/POSIX_CPUTIMERS) \
    $(wildcard include/config/POSIX_CPU_TIMERS_TASK_WORK) \
    $(wildcard include/config/KEYS) \
    $(wildcard include/config/SYSVIPC) \
    $(wildcard include/config/DETECT_HUNG_TASK) \
    $(wildcard include/config/IO_URING) \
    $(wildcard include/config/AUDIT) \
    $(wildcard include/config/AUDITSYSCALL) \
    $(wildcard include/config/DEBUG_MUTEXES) \
    $(wildcard include/config/TRACE_IRQFLAGS) \
    $(wildcard include/config/UBSAN) \
    $(wildcard include/config/UBSAN_TRAP) \
    $(wildcard include/config/COMPACTION) \
    $(wildcard include/config/TASK_XACCT) \
    $(wildcard include/config/CPUSETS) \
    $(wildcard include/config/X86_CPU_RESCTRL) \
    $(wildcard include/config/FUTEX) \
    $(wildcard include/config/COMPAT) \
    $(wildcard include/config/PERF_EVENTS) \
    $(wildcard include/config/DEBUG_PREEMPT) \
    $(wildcard include/config/NUMA) \
    $(wildcard include/config/NUMA_BALANCING) \
    $(wildcard include/config/RSEQ) \
    $(wildcard include/config/FAULT_INJECTION) \
    $(wildcard include/config/LATENCYTOP) \
    $(wildcard include/config/KUNIT) \
    $(wildcard include/config/FUNCTION_GRAPH_TRACER) \
    $(wildcard include/config/TRACING) \
    $(wildcard include/config/UPROBES) \
    $(wildcard include/config/BCACHE) \
    $(wildcard include/config/MMU) \
    $(wildcard include/config/VMAP_STACK) \
    $(wildcard include/config/LIVEPATCH) \
    $(wildcard include/config/SECURITY) \
    $(wildcard include/config/BPF_SYSCALL) \
    $(wildcard include/config/GCC_PLUGIN_STACKLEAK) \
    $(wildcard include/config/RANDOMIZE_KSTACK_OFFSET) \
    $(wildcard include/config/X86_MCE) \
    $(wildcard include/config/KRETPROBES) \
    $(wildcard include/config/RETHOOK) \
    $(wildcard include/config/ARCH_HAS_PARANOID_L1D_FLUSH) \
    $(wildcard include/config/RV) \
    $(wildcard include/config/ARCH_TASK_STRUCT_ON_STACK) \
    $(wildcard include/config/PREEMPTION) \
    $(wildcard include/config/PREEMPT_DYNAMIC) \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_CALL) \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_KEY) \
    $(wildcard include/config/PREEMPT_NONE) \
    $(wildcard include/config/PREEMPT_VOLUNTARY) \
    $(wildcard include/config/PREEMPT) \
    $(wildcard include/config/MEMBARRIER) \
    $(wildcard include/config/DEBUG_RSEQ) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/sched.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/current.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/pid.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rculist.h \
    $(wildcard include/config/PROVE_RCU_LIST) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/list.h \
    $(wildcard include/config/DEBUG_LIST) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/container_of.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/err.h \
  arch/arm64/include/generated/uapi/asm/errno.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/errno.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/errno-base.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/poison.h \
    $(wildcard include/config/ILLEGAL_POINTER_VALUE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/barrier.h \
    $(wildcard include/config/ARM64_PSEUDO_NMI) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/barrier.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rcupdate.h \
    $(wildcard include/config/TINY_RCU) \
    $(wildcard include/config/RCU_STRICT_GRACE_PERIOD) \
    $(wildcard include/config/TASKS_RCU_GENERIC) \
    $(wildcard include/config/RCU_STALL_COMMON) \
    $(wildcard include/config/GENERIC_ENTRY) \
    $(wildcard include/config/KVM_XFER_TO_GUEST_WORK) \
    $(wildcard include/config/RCU_NOCB_CPU) \
    $(wildcard include/config/TASKS_RUDE_RCU) \
    $(wildcard include/config/TREE_RCU) \
    $(wildcard include/config/DEBUG_OBJECTS_RCU_HEAD) \
    $(wildcard include/config/HOTPLUG_CPU) \
    $(wildcard include/config/PROVE_RCU) \
    $(wildcard include/config/DEBUG_LOCK_ALLOC) \
    $(wildcard include/config/ARCH_WEAK_RELEASE_ACQUIRE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/cmpxchg.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/lse.h \
    $(wildcard include/config/ARM64_LSE_ATOMICS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/atomic_ll_sc.h \
    $(wildcard include/config/CC_HAS_K_CONSTRAINT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/stringify.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/HAVE_ARCH_PREL32_RELOCATIONS) \
    $(wildcard include/config/MODULES) \
    $(wildcard include/config/TRIM_UNUSED_KSYMS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/alternative.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/alternative-macros.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/bits.h \
  arch/arm64/include/generated/asm/cpucaps.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/insn-def.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/brk-imm.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/init.h \
    $(wildcard include/config/STRICT_KERNEL_RWX) \
    $(wildcard include/config/STRICT_MODULE_RWX) \
    $(wildcard include/config/LTO_CLANG) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/atomic_lse.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/atomic/atomic-arch-fallback.h \
    $(wildcard include/config/GENERIC_ATOMIC64) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/atomic/atomic-long.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/atomic/atomic-instrumented.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/irqflags.h \
    $(wildcard include/config/PROVE_LOCKING) \
    $(wildcard include/config/IRQSOFF_TRACER) \
    $(wildcard include/config/PREEMPT_TRACER) \
    $(wildcard include/config/DEBUG_IRQFLAGS) \
    $(wildcard include/config/TRACE_IRQFLAGS_SUPPORT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/typecheck.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/cleanup.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/irqflags.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/ptrace.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/cpufeature.h \
    $(wildcard include/config/ARM64_PAN) \
    $(wildcard include/config/ARM64_SW_TTBR0_PAN) \
    $(wildcard include/config/ARM64_SVE) \
    $(wildcard include/config/ARM64_SME) \
    $(wildcard include/config/ARM64_CNP) \
    $(wildcard include/config/ARM64_PTR_AUTH) \
    $(wildcard include/config/ARM64_MTE) \
    $(wildcard include/config/ARM64_DEBUG_PRIORITY_MASKING) \
    $(wildcard include/config/ARM64_BTI) \
    $(wildcard include/config/ARM64_TLB_RANGE) \
    $(wildcard include/config/ARM64_PA_BITS) \
    $(wildcard include/config/ARM64_HW_AFDBM) \
    $(wildcard include/config/ARM64_AMU_EXTN) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/cputype.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/sysreg.h \
    $(wildcard include/config/BROKEN_GAS_INST) \
    $(wildcard include/config/ARM64_PA_BITS_52) \
    $(wildcard include/config/ARM64_4K_PAGES) \
    $(wildcard include/config/ARM64_16K_PAGES) \
    $(wildcard include/config/ARM64_64K_PAGES) \
    $(wildcard include/config/KASAN_HW_TAGS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bits.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kasan-tags.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/gpr-num.h \
  arch/arm64/include/generated/asm/sysreg-defs.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bitfield.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/byteorder.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/byteorder/little_endian.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/byteorder/little_endian.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/swab.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/swab.h \
  arch/arm64/include/generated/uapi/asm/swab.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/swab.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/byteorder/generic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/hwcap.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/hwcap.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/log2.h \
    $(wildcard include/config/ARCH_HAS_ILOG2_U32) \
    $(wildcard include/config/ARCH_HAS_ILOG2_U64) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bitops.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/kernel.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/sysinfo.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/generic-non-atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/bitops.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/builtin-__ffs.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/builtin-ffs.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/builtin-__fls.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/builtin-fls.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/ffz.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/fls64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/sched.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/hweight.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/arch_hweight.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/const_hweight.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/instrumented-atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/lock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/instrumented-lock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/non-atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/non-instrumented-non-atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/le.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/ext2-atomic-setbit.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bug.h \
    $(wildcard include/config/GENERIC_BUG) \
    $(wildcard include/config/BUG_ON_DATA_CORRUPTION) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/bug.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/asm-bug.h \
    $(wildcard include/config/DEBUG_BUGVERBOSE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bug.h \
    $(wildcard include/config/BUG) \
    $(wildcard include/config/GENERIC_BUG_RELATIVE_POINTERS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/instrumentation.h \
    $(wildcard include/config/NOINSTR_VALIDATION) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/once_lite.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/panic.h \
    $(wildcard include/config/PANIC_TIMEOUT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/printk.h \
    $(wildcard include/config/MESSAGE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_QUIET) \
    $(wildcard include/config/EARLY_PRINTK) \
    $(wildcard include/config/PRINTK) \
    $(wildcard include/config/PRINTK_INDEX) \
    $(wildcard include/config/DYNAMIC_DEBUG) \
    $(wildcard include/config/DYNAMIC_DEBUG_CORE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/stdarg.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kern_levels.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/linkage.h \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/linkage.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/ratelimit_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/param.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/param.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/param.h \
    $(wildcard include/config/HZ) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/param.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/spinlock_types_raw.h \
    $(wildcard include/config/DEBUG_SPINLOCK) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/spinlock_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/qspinlock_types.h \
    $(wildcard include/config/NR_CPUS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/qrwlock_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/lockdep_types.h \
    $(wildcard include/config/PROVE_RAW_LOCK_NESTING) \
    $(wildcard include/config/LOCK_STAT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/dynamic_debug.h \
    $(wildcard include/config/JUMP_LABEL) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/jump_label.h \
    $(wildcard include/config/HAVE_ARCH_JUMP_LABEL_RELATIVE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/jump_label.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/insn.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kernel.h \
    $(wildcard include/config/PREEMPT_VOLUNTARY_BUILD) \
    $(wildcard include/config/PREEMPT_) \
    $(wildcard include/config/FTRACE_MCOUNT_RECORD) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/align.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/array_size.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/limits.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/limits.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/limits.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kstrtox.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/math.h \
  arch/arm64/include/generated/asm/div64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/div64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/static_call_types.h \
    $(wildcard include/config/HAVE_STATIC_CALL) \
    $(wildcard include/config/HAVE_STATIC_CALL_INLINE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/instruction_pointer.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/ptrace.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/sve_context.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/percpu.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/preempt.h \
    $(wildcard include/config/TRACE_PREEMPT_TOGGLE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/preempt.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/thread_info.h \
    $(wildcard include/config/HAVE_ARCH_WITHIN_STACK_FRAMES) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/restart_block.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/time64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/math64.h \
    $(wildcard include/config/ARCH_SUPPORTS_INT128) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/math64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/time64.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/time.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/time_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/errno.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/errno.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/thread_info.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/memory.h \
    $(wildcard include/config/ARM64_VA_BITS) \
    $(wildcard include/config/KASAN_SHADOW_OFFSET) \
    $(wildcard include/config/KASAN) \
    $(wildcard include/config/DEBUG_VIRTUAL) \
    $(wildcard include/config/ZONE_DMA) \
    $(wildcard include/config/ZONE_DMA32) \
    $(wildcard include/config/EFI) \
    $(wildcard include/config/ARM_GIC_V3_ITS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/sizes.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/page-def.h \
    $(wildcard include/config/ARM64_PAGE_SHIFT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/mmdebug.h \
    $(wildcard include/config/DEBUG_VM) \
    $(wildcard include/config/DEBUG_VM_IRQSOFF) \
    $(wildcard include/config/DEBUG_VM_PGFLAGS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/memory_model.h \
    $(wildcard include/config/FLATMEM) \
    $(wildcard include/config/SPARSEMEM_VMEMMAP) \
    $(wildcard include/config/SPARSEMEM) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/pfn.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/stack_pointer.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/percpu.h \
    $(wildcard include/config/HAVE_SETUP_PER_CPU_AREA) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/threads.h \
    $(wildcard include/config/BASE_SMALL) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/percpu-defs.h \
    $(wildcard include/config/DEBUG_FORCE_WEAK_PER_CPU) \
    $(wildcard include/config/AMD_MEM_ENCRYPT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bottom_half.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/lockdep.h \
    $(wildcard include/config/DEBUG_LOCKING_API_SELFTESTS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/smp.h \
    $(wildcard include/config/UP_LATE_INIT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/cpumask.h \
    $(wildcard include/config/FORCE_NR_CPUS) \
    $(wildcard include/config/DEBUG_PER_CPU_MAPS) \
    $(wildcard include/config/CPUMASK_OFFSTACK) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bitmap.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/find.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/string.h \
    $(wildcard include/config/BINARY_PRINTF) \
    $(wildcard include/config/FORTIFY_SOURCE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/overflow.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/string.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/string.h \
    $(wildcard include/config/ARCH_HAS_UACCESS_FLUSHCACHE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/fortify-string.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/gfp_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/numa.h \
    $(wildcard include/config/NODES_SHIFT) \
    $(wildcard include/config/NUMA_KEEP_MEMINFO) \
    $(wildcard include/config/HAVE_ARCH_NODE_DEV_GROUP) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/sparsemem.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/smp_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/llist.h \
    $(wildcard include/config/ARCH_HAVE_NMI_SAFE_CMPXCHG) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/smp.h \
    $(wildcard include/config/ARM64_ACPI_PARKING_PROTOCOL) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/processor.h \
    $(wildcard include/config/KUSER_HELPERS) \
    $(wildcard include/config/ARM64_FORCE_52BIT) \
    $(wildcard include/config/HAVE_HW_BREAKPOINT) \
    $(wildcard include/config/ARM64_PTR_AUTH_KERNEL) \
    $(wildcard include/config/ARM64_TAGGED_ADDR_ABI) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/cache.h \
    $(wildcard include/config/ARCH_HAS_CACHE_LINE_SIZE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/cache.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kasan-enabled.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/static_key.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/mte-def.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/processor.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/vdso/processor.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/hw_breakpoint.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/virt.h \
    $(wildcard include/config/KVM) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/sections.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/sections.h \
    $(wildcard include/config/HAVE_FUNCTION_DESCRIPTORS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/kasan.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/mte-kasan.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/pgtable-types.h \
    $(wildcard include/config/PGTABLE_LEVELS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/pgtable-nop4d.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/pgtable-hwdef.h \
    $(wildcard include/config/ARM64_CONT_PTE_SHIFT) \
    $(wildcard include/config/ARM64_CONT_PMD_SHIFT) \
    $(wildcard include/config/ARM64_VA_BITS_52) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/pointer_auth.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/prctl.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/random.h \
    $(wildcard include/config/VMGENID) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/once.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/random.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/ioctl.h \
  arch/arm64/include/generated/uapi/asm/ioctl.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/ioctl.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/ioctl.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/irqnr.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/irqnr.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/prandom.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/percpu.h \
    $(wildcard include/config/NEED_PER_CPU_EMBED_FIRST_CHUNK) \
    $(wildcard include/config/NEED_PER_CPU_PAGE_FIRST_CHUNK) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/archrandom.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/arm-smccc.h \
    $(wildcard include/config/ARM64) \
    $(wildcard include/config/HAVE_ARM_SMCCC) \
    $(wildcard include/config/ARM) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/spectre.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/fpsimd.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/sigcontext.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/context_tracking_irq.h \
    $(wildcard include/config/CONTEXT_TRACKING_IDLE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rcutree.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/wait.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/spinlock.h \
  arch/arm64/include/generated/asm/mmiowb.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/mmiowb.h \
    $(wildcard include/config/MMIOWB) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/spinlock_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rwlock_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/spinlock.h \
  arch/arm64/include/generated/asm/qspinlock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/qspinlock.h \
  arch/arm64/include/generated/asm/qrwlock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/qrwlock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rwlock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/spinlock_api_smp.h \
    $(wildcard include/config/INLINE_SPIN_LOCK) \
    $(wildcard include/config/INLINE_SPIN_LOCK_BH) \
    $(wildcard include/config/INLINE_SPIN_LOCK_IRQ) \
    $(wildcard include/config/INLINE_SPIN_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_SPIN_TRYLOCK) \
    $(wildcard include/config/INLINE_SPIN_TRYLOCK_BH) \
    $(wildcard include/config/UNINLINE_SPIN_UNLOCK) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_BH) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_SPIN_UNLOCK_IRQRESTORE) \
    $(wildcard include/config/GENERIC_LOCKBREAK) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rwlock_api_smp.h \
    $(wildcard include/config/INLINE_READ_LOCK) \
    $(wildcard include/config/INLINE_WRITE_LOCK) \
    $(wildcard include/config/INLINE_READ_LOCK_BH) \
    $(wildcard include/config/INLINE_WRITE_LOCK_BH) \
    $(wildcard include/config/INLINE_READ_LOCK_IRQ) \
    $(wildcard include/config/INLINE_WRITE_LOCK_IRQ) \
    $(wildcard include/config/INLINE_READ_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_WRITE_LOCK_IRQSAVE) \
    $(wildcard include/config/INLINE_READ_TRYLOCK) \
    $(wildcard include/config/INLINE_WRITE_TRYLOCK) \
    $(wildcard include/config/INLINE_READ_UNLOCK) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK) \
    $(wildcard include/config/INLINE_READ_UNLOCK_BH) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_BH) \
    $(wildcard include/config/INLINE_READ_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_IRQ) \
    $(wildcard include/config/INLINE_READ_UNLOCK_IRQRESTORE) \
    $(wildcard include/config/INLINE_WRITE_UNLOCK_IRQRESTORE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/wait.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/refcount.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/sem.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/sem.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/ipc.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/uidgid.h \
    $(wildcard include/config/MULTIUSER) \
    $(wildcard include/config/USER_NS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/highuid.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rhashtable-types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/mutex.h \
    $(wildcard include/config/MUTEX_SPIN_ON_OWNER) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/osq_lock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/debug_locks.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/workqueue.h \
    $(wildcard include/config/DEBUG_OBJECTS_WORK) \
    $(wildcard include/config/FREEZER) \
    $(wildcard include/config/SYSFS) \
    $(wildcard include/config/WQ_WATCHDOG) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/timer.h \
    $(wildcard include/config/DEBUG_OBJECTS_TIMERS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/ktime.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/time.h \
    $(wildcard include/config/POSIX_TIMERS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/time32.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/timex.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/timex.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/timex.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/arch_timer.h \
    $(wildcard include/config/ARM_ARCH_TIMER_OOL_WORKAROUND) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/clocksource/arm_arch_timer.h \
    $(wildcard include/config/ARM_ARCH_TIMER) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/timecounter.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/timex.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/time32.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/time.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/jiffies.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/jiffies.h \
  include/generated/timeconst.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/ktime.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/timekeeping.h \
    $(wildcard include/config/GENERIC_CMOS_UPDATE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/clocksource_ids.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/debugobjects.h \
    $(wildcard include/config/DEBUG_OBJECTS) \
    $(wildcard include/config/DEBUG_OBJECTS_FREE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/ipc.h \
  arch/arm64/include/generated/uapi/asm/ipcbuf.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/ipcbuf.h \
  arch/arm64/include/generated/uapi/asm/sembuf.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/sembuf.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/shm.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/page.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/personality.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/personality.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/getorder.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/shm.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/hugetlb_encode.h \
  arch/arm64/include/generated/uapi/asm/shmbuf.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/shmbuf.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/shmparam.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/shmparam.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kmsan_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/plist.h \
    $(wildcard include/config/DEBUG_PLIST) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/hrtimer.h \
    $(wildcard include/config/HIGH_RES_TIMERS) \
    $(wildcard include/config/TIME_LOW_RES) \
    $(wildcard include/config/TIMERFD) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/hrtimer_defs.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rbtree.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rbtree_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/seqlock.h \
    $(wildcard include/config/CC_IS_GCC) \
    $(wildcard include/config/GCC_VERSION) \
    $(wildcard include/config/UBSAN_ALIGNMENT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/timerqueue.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/seccomp.h \
    $(wildcard include/config/SECCOMP) \
    $(wildcard include/config/HAVE_ARCH_SECCOMP_FILTER) \
    $(wildcard include/config/SECCOMP_FILTER) \
    $(wildcard include/config/CHECKPOINT_RESTORE) \
    $(wildcard include/config/SECCOMP_CACHE_DEBUG) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/seccomp.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/seccomp.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/unistd.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/unistd.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/unistd.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/seccomp.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/unistd.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/nodemask.h \
    $(wildcard include/config/HIGHMEM) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/resource.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/resource.h \
  arch/arm64/include/generated/uapi/asm/resource.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/resource.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/resource.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/latencytop.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/sched/prio.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/sched/types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/signal_types.h \
    $(wildcard include/config/OLD_SIGACTION) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/signal.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/signal.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/signal.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/signal.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/signal.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/signal-defs.h \
  arch/arm64/include/generated/uapi/asm/siginfo.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/siginfo.h \
  arch/arm64/include/generated/uapi/asm/siginfo.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/syscall_user_dispatch.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/mm_types_task.h \
    $(wildcard include/config/ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH) \
    $(wildcard include/config/SPLIT_PTLOCK_CPUS) \
    $(wildcard include/config/ARCH_ENABLE_SPLIT_PMD_PTLOCK) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/task_io_accounting.h \
    $(wildcard include/config/TASK_IO_ACCOUNTING) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/posix-timers.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/alarmtimer.h \
    $(wildcard include/config/RTC_CLASS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/rseq.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kcsan.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rv.h \
    $(wildcard include/config/RV_REACTORS) \
  arch/arm64/include/generated/asm/kmap_size.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/kmap_size.h \
    $(wildcard include/config/DEBUG_KMAP_LOCAL) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/uaccess.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/kernel-pgtable.h \
    $(wildcard include/config/RANDOMIZE_BASE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/boot.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/asm-extable.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/mmu.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/mte.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/page-flags.h \
    $(wildcard include/config/ARCH_USES_PG_UNCACHED) \
    $(wildcard include/config/MEMORY_FAILURE) \
    $(wildcard include/config/PAGE_IDLE_FLAG) \
    $(wildcard include/config/MEMORY_HOTPLUG) \
    $(wildcard include/config/HUGETLB_PAGE_OPTIMIZE_VMEMMAP) \
    $(wildcard include/config/SWAP) \
    $(wildcard include/config/KSM) \
    $(wildcard include/config/TRANSPARENT_HUGEPAGE) \
    $(wildcard include/config/HUGETLB_PAGE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/mm_types.h \
    $(wildcard include/config/HAVE_ALIGNED_STRUCT_PAGE) \
    $(wildcard include/config/ARCH_WANT_HUGE_PMD_SHARE) \
    $(wildcard include/config/USERFAULTFD) \
    $(wildcard include/config/HAVE_ARCH_COMPAT_MMAP_BASES) \
    $(wildcard include/config/AIO) \
    $(wildcard include/config/MMU_NOTIFIER) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/auxvec.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/auxvec.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/auxvec.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kref.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/maple_tree.h \
    $(wildcard include/config/MAPLE_RCU_DISABLED) \
    $(wildcard include/config/DEBUG_MAPLE_TREE_VERBOSE) \
    $(wildcard include/config/DEBUG_MAPLE_TREE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/rwsem.h \
    $(wildcard include/config/RWSEM_SPIN_ON_OWNER) \
    $(wildcard include/config/DEBUG_RWSEMS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/completion.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/swait.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/uprobes.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/uprobes.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/debug-monitors.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/esr.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/probes.h \
    $(wildcard include/config/KPROBES) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/page-flags-layout.h \
  include/generated/bounds.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/extable.h \
    $(wildcard include/config/BPF_JIT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/access_ok.h \
    $(wildcard include/config/ALTERNATE_USER_ADDRESS_SPACE) \
  /work/main/module/avcpu.h \
  /work/main/uapi/linux/avcpu.h \
  /work/main/module/hyp/hyp.h \

/work/main/module/regs.o: $(deps_/work/main/module/regs.o)

$(deps_/work/main/module/regs.o):
