// SPDX-License-Identifier: GPL-2.0
/*
 * insn-count: a QEMU TCG plugin (QEMU plugin API version 1, QEMU 7.2)
 * that counts, between two marker instructions the guest executes, how
 * often each TLBI, DSB, DMB, ISB and MSR instruction runs, per address.
 *
 *   qemu-system-aarch64 ... -plugin insn-count.so,out=FILE
 *
 * "hint #0x7e" opens a window, "hint #0x7f" closes it (both are NOPs on
 * any CPU).  Windows are numbered from 0 in the order they close; each
 * appends to FILE:
 *
 *   window K insns N
 *   site K PC INSN CLASS COUNT        (one per instruction that ran)
 *
 * INSN is the encoding in hex; CLASS one of tlbi dsb dmb isb msr-el1
 * (EL0/EL1 registers and the EL12/EL02 aliases, by encoding) msr-el2
 * msr-el3 msr-pstate.  N counts the instructions of every translation
 * block that started inside the window.  The plugin cannot tell the
 * exception level: tools/avcpu-bench/report sorts addresses into user,
 * kernel image, module and other (an nVHE EL2 image).
 *
 * qemu-plugin-api.h declares the few API functions it needs: Debian
 * ships the plugin-enabled QEMU but no development header for it.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu-plugin-api.h"

PLUGIN_EXPORT int qemu_plugin_version = 1;

/* --- classification --- */

#define MARK_START	0xd5032fdfU	/* hint #0x7e */
#define MARK_STOP	0xd5032fffU	/* hint #0x7f */

enum cls {
	C_NONE,
	C_TLBI,
	C_DSB,
	C_DMB,
	C_ISB,
	C_MSR_EL1,
	C_MSR_EL2,
	C_MSR_EL3,
	C_MSR_PSTATE,
	C_START,
	C_STOP,
};

static const char *const cls_name[] = {
	[C_TLBI] = "tlbi",
	[C_DSB] = "dsb",
	[C_DMB] = "dmb",
	[C_ISB] = "isb",
	[C_MSR_EL1] = "msr-el1",
	[C_MSR_EL2] = "msr-el2",
	[C_MSR_EL3] = "msr-el3",
	[C_MSR_PSTATE] = "msr-pstate",
};

static enum cls classify(uint32_t insn)
{
	unsigned int op1;

	if (insn == MARK_START)
		return C_START;
	if (insn == MARK_STOP)
		return C_STOP;
	/* SYS with op0 = 1, CRn = 8: TLBI */
	if ((insn & 0xfff8f000U) == 0xd5088000U)
		return C_TLBI;
	/* barriers: CRm is the option */
	if ((insn & 0xfffff0ffU) == 0xd503309fU)
		return C_DSB;
	if ((insn & 0xfffff0ffU) == 0xd50330bfU)
		return C_DMB;
	if ((insn & 0xfffff0ffU) == 0xd50330dfU)
		return C_ISB;
	/* MSR (immediate): op0 = 0, CRn = 4, Rt = 31 */
	if ((insn & 0xfff8f01fU) == 0xd500401fU)
		return C_MSR_PSTATE;
	/* MSR (register): L = 0, op0 = 2 or 3; op1 picks the level */
	if ((insn & 0xfff00000U) == 0xd5100000U) {
		op1 = (insn >> 16) & 7;
		if (op1 == 4)
			return C_MSR_EL2;
		if (op1 == 6)
			return C_MSR_EL3;
		return C_MSR_EL1;
	}
	return C_NONE;
}

/* --- state --- */

struct site {
	uint64_t pc;
	uint64_t count;
	uint32_t insn;
	enum cls cls;
};

/* INSN_COUNT_TBS=1: also each translation block's executions, by address. */
struct tbsite {
	uint64_t pc;
	uint64_t n;
	uint64_t count;
};

static struct tbsite **tbsites;
static size_t nr_tbsites, max_tbsites;
static bool tbs;

static struct site **sites;
static size_t nr_sites, max_sites;
static bool counting;
static uint64_t insns, insns_at_start;
static unsigned int window;
static FILE *out;

static int cmp_site(const void *a, const void *b)
{
	const struct site *x = *(struct site * const *)a;
	const struct site *y = *(struct site * const *)b;

	if (x->pc != y->pc)
		return x->pc < y->pc ? -1 : 1;
	return 0;
}

static void window_close(void)
{
	uint64_t pc = 0, count = 0;
	struct site *last = NULL;
	size_t i;

	counting = false;
	fprintf(out, "window %u insns %" PRIu64 "\n", window,
		insns - insns_at_start);
	/* A retranslated instruction has several sites: add them up. */
	qsort(sites, nr_sites, sizeof(*sites), cmp_site);
	for (i = 0; i <= nr_sites; i++) {
		struct site *s = i < nr_sites ? sites[i] : NULL;

		if (last && (!s || s->pc != pc)) {
			if (count)
				fprintf(out, "site %u %#" PRIx64 " %08x %s %" PRIu64 "\n",
					window, pc, last->insn,
					cls_name[last->cls], count);
			count = 0;
		}
		if (!s)
			break;
		pc = s->pc;
		last = s;
		count += s->count;
		s->count = 0;
	}
	for (i = 0; i < nr_tbsites; i++) {
		struct tbsite *t = tbsites[i];

		if (t->count)
			fprintf(out, "tb %u %#" PRIx64 " %" PRIu64 " %" PRIu64 "\n",
				window, t->pc, t->n, t->count);
		t->count = 0;
	}
	fflush(out);
	window++;
}

static void on_insn(unsigned int vcpu, void *udata)
{
	struct site *s = udata;

	if (s->cls == C_START) {
		counting = true;
		insns_at_start = insns;
		return;
	}
	if (s->cls == C_STOP) {
		if (counting)
			window_close();
		return;
	}
	if (counting)
		s->count++;
}

static struct site *new_site(uint64_t pc, uint32_t insn, enum cls cls)
{
	struct site *s;

	if (nr_sites == max_sites) {
		size_t n = max_sites ? 2 * max_sites : 4096;
		struct site **p = realloc(sites, n * sizeof(*p));

		if (!p)
			return NULL;
		sites = p;
		max_sites = n;
	}
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->pc = pc;
	s->insn = insn;
	s->cls = cls;
	sites[nr_sites++] = s;
	return s;
}

static void on_tb_exec(unsigned int vcpu, void *udata)
{
	struct tbsite *t = udata;

	if (counting)
		t->count++;
}

static void new_tbsite(struct qemu_plugin_tb *tb, size_t n)
{
	struct tbsite *t;

	if (nr_tbsites == max_tbsites) {
		size_t m = max_tbsites ? 2 * max_tbsites : 4096;
		struct tbsite **p = realloc(tbsites, m * sizeof(*p));

		if (!p)
			return;
		tbsites = p;
		max_tbsites = m;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return;
	t->pc = qemu_plugin_tb_vaddr(tb);
	t->n = n;
	tbsites[nr_tbsites++] = t;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, on_tb_exec, CB_NO_REGS, t);
}

static void on_tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);

	if (tbs)
		new_tbsite(tb, n);

	qemu_plugin_register_vcpu_tb_exec_inline(tb, INLINE_ADD_U64, &insns, n);
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *in = qemu_plugin_tb_get_insn(tb, i);
		struct site *s;
		uint32_t insn;
		enum cls cls;

		if (qemu_plugin_insn_size(in) != 4)
			continue;
		memcpy(&insn, qemu_plugin_insn_data(in), 4);
		cls = classify(insn);
		if (cls == C_NONE)
			continue;
		s = new_site(qemu_plugin_insn_vaddr(in), insn, cls);
		if (s)
			qemu_plugin_register_vcpu_insn_exec_cb(in, on_insn,
							       CB_NO_REGS, s);
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	if (counting)
		window_close();
	fclose(out);
}

PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
				      const struct qemu_info *info,
				      int argc, char **argv)
{
	const char *path = NULL;
	int i;

	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
	if (!path) {
		fprintf(stderr, "insn-count: out=FILE is required\n");
		return -1;
	}
	tbs = !!getenv("INSN_COUNT_TBS");
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
