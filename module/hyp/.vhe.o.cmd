cmd_/work/main/module/hyp/vhe.o :=  aarch64-linux-gnu-gcc-12 -Wp,-MMD,/work/main/module/hyp/.vhe.o.d -nostdinc -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include -I./arch/arm64/include/generated -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include -I./include -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi -I./arch/arm64/include/generated/uapi -I/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi -I./include/generated/uapi -include /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler-version.h -include /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kconfig.h -include /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler_types.h -D__KERNEL__ -mlittle-endian -DCC_USING_PATCHABLE_FUNCTION_ENTRY -DKASAN_SHADOW_SCALE_SHIFT= -fmacro-prefix-map=/root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/= -DKBUILD_EXTRA_WARN1 -Wall -Wundef -Werror=strict-prototypes -Wno-trigraphs -fno-strict-aliasing -fno-common -fshort-wchar -fno-PIE -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type -Wno-format-security -std=gnu11 -mgeneral-regs-only -DCONFIG_CC_HAS_K_CONSTRAINT=1 -Wno-psabi -mabi=lp64 -fno-asynchronous-unwind-tables -fno-unwind-tables -mbranch-protection=pac-ret+leaf -Wa,-march=armv8.5-a -DARM64_ASM_ARCH='"armv8.5-a"' -DKASAN_SHADOW_SCALE_SHIFT= -fno-delete-null-pointer-checks -Wno-frame-address -Wno-format-truncation -Wno-format-overflow -Wno-address-of-packed-member -O2 -fno-allow-store-data-races -Wframe-larger-than=2048 -Wno-main -Wno-unused-but-set-variable -Wno-unused-const-variable -Wno-dangling-pointer -fno-omit-frame-pointer -fno-optimize-sibling-calls -ftrivial-auto-var-init=zero -fno-stack-clash-protection -Wvla -Wno-pointer-sign -Wcast-function-type -Wno-stringop-truncation -Wno-stringop-overflow -Wno-restrict -Wno-maybe-uninitialized -Wno-array-bounds -Wno-alloc-size-larger-than -Wimplicit-fallthrough=5 -fno-strict-overflow -fno-stack-check -fconserve-stack -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init -fno-builtin-wcslen -Wno-packed-not-aligned -Wextra -Wunused -Wno-unused-parameter -Wmissing-declarations -Wmissing-format-attribute -Wmissing-prototypes -Wold-style-definition -Wmissing-include-dirs -Wunused-but-set-variable -Wunused-const-variable -Wpacked-not-aligned -Wstringop-truncation -Wno-missing-field-initializers -Wno-sign-compare -Wno-type-limits -Wno-shift-negative-value -g -mstack-protector-guard=sysreg -mstack-protector-guard-reg=sp_el0 -mstack-protector-guard-offset=1360 -I/work/main/uapi -I/work/main/module -fno-stack-protector -mbranch-protection=none -fno-asynchronous-unwind-tables -fno-unwind-tables  -DMODULE  -DKBUILD_BASENAME='"vhe"' -DKBUILD_MODNAME='"avcpu"' -D__KBUILD_MODNAME=kmod_avcpu -c -o /work/main/module/hyp/vhe.o /work/main/module/hyp/vhe.c  

source_/work/main/module/hyp/vhe.o := /work/main/module/hyp/vhe.c

deps_/work/main/module/hyp/vhe.o := \
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
  /work/main/module/hyp/switch.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
    $(wildcard include/config/64BIT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/compiler_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/rwonce.h \
    $(wildcard include/config/LTO) \
    $(wildcard include/config/AS_HAS_LDAPR) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/rwonce.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kasan-checks.h \
    $(wildcard include/config/KASAN_GENERIC) \
    $(wildcard include/config/KASAN_SW_TAGS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
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
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/posix_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/posix_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kcsan-checks.h \
    $(wildcard include/config/KCSAN) \
    $(wildcard include/config/KCSAN_WEAK_MEMORY) \
    $(wildcard include/config/KCSAN_IGNORE_ATOMICS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/barrier.h \
    $(wildcard include/config/ARM64_PSEUDO_NMI) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/barrier.h \
    $(wildcard include/config/SMP) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/esr.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/memory.h \
    $(wildcard include/config/ARM64_VA_BITS) \
    $(wildcard include/config/KASAN_SHADOW_OFFSET) \
    $(wildcard include/config/KASAN) \
    $(wildcard include/config/VMAP_STACK) \
    $(wildcard include/config/ARM64_4K_PAGES) \
    $(wildcard include/config/KASAN_HW_TAGS) \
    $(wildcard include/config/DEBUG_VIRTUAL) \
    $(wildcard include/config/ZONE_DMA) \
    $(wildcard include/config/ZONE_DMA32) \
    $(wildcard include/config/EFI) \
    $(wildcard include/config/ARM_GIC_V3_ITS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/const.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/const.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/const.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/sizes.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/page-def.h \
    $(wildcard include/config/ARM64_PAGE_SHIFT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bitops.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bits.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/vdso/bits.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/build_bug.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/typecheck.h \
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
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/instrumented.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kmsan-checks.h \
    $(wildcard include/config/KMSAN) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/instrumented-atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/lock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/instrumented-lock.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/non-atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/non-instrumented-non-atomic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/le.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/uapi/asm/byteorder.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/byteorder/little_endian.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/byteorder/little_endian.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/swab.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/linux/swab.h \
  arch/arm64/include/generated/uapi/asm/swab.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/uapi/asm-generic/swab.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/byteorder/generic.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/bitops/ext2-atomic-setbit.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/mmdebug.h \
    $(wildcard include/config/DEBUG_VM) \
    $(wildcard include/config/DEBUG_VM_IRQSOFF) \
    $(wildcard include/config/DEBUG_VM_PGFLAGS) \
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
    $(wildcard include/config/DEBUG_LOCK_ALLOC) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/spinlock_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/qspinlock_types.h \
    $(wildcard include/config/NR_CPUS) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/qrwlock_types.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/lockdep_types.h \
    $(wildcard include/config/PROVE_RAW_LOCK_NESTING) \
    $(wildcard include/config/LOCKDEP) \
    $(wildcard include/config/LOCK_STAT) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/dynamic_debug.h \
    $(wildcard include/config/JUMP_LABEL) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/jump_label.h \
    $(wildcard include/config/HAVE_ARCH_JUMP_LABEL_RELATIVE) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/jump_label.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/insn.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/asm-generic/memory_model.h \
    $(wildcard include/config/FLATMEM) \
    $(wildcard include/config/SPARSEMEM_VMEMMAP) \
    $(wildcard include/config/SPARSEMEM) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/pfn.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/sysreg.h \
    $(wildcard include/config/BROKEN_GAS_INST) \
    $(wildcard include/config/ARM64_PA_BITS_52) \
    $(wildcard include/config/ARM64_16K_PAGES) \
    $(wildcard include/config/ARM64_64K_PAGES) \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/kasan-tags.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/gpr-num.h \
  arch/arm64/include/generated/asm/sysreg-defs.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/include/linux/bitfield.h \
  /root/.cache/avcpu/kernel-6.1.0-56-arm64/root/usr/src/linux-headers-6.1.0-56-common/arch/arm64/include/asm/kvm_arm.h \
  /work/main/module/hyp/hyp.h \

/work/main/module/hyp/vhe.o: $(deps_/work/main/module/hyp/vhe.o)

$(deps_/work/main/module/hyp/vhe.o):
