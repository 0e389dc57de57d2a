/* SPDX-License-Identifier: GPL-2.0 */
/*
 * avcpu-run host unit tests: a small KTAP producer and the stand-ins for
 * log.c that every test links.
 *
 * A test file lists its cases in a table and hands it to unit_main().
 * Each case runs in a child process forked after the optional suite
 * setup, so that it starts from the same state as the others and a crash
 * or a hang (10 s) fails that case alone.  EXPECT*() report what differs
 * as KTAP diagnostics ("# ...") and let the case go on, so that one run
 * shows every broken behaviour; the case fails if any of them failed.
 */
#ifndef AVCPU_UNIT_H
#define AVCPU_UNIT_H

#include "../avcpu-run.h"
#include "../log.h"

/* The kernel's __weak, split for checkpatch as __printf() is. */
#define __weak			__attribute__((			\
					__weak__))

struct unit_case {
	const char *name;
	void (*run)(void);
};

/*
 * Runs @setup (may be NULL) once, then every case, printing a KTAP
 * version 1 report on stdout.  Returns main()'s exit status: 0 if every
 * case passed.
 */
int unit_main(const char *suite, void (*setup)(void),
	      const struct unit_case *cases, size_t nr_cases);

void unit_fail(const char *file, int line, const char *fmt, ...)
	__printf(3, 4);
bool unit_expect_u64(bool ok, const char *file, int line, const char *a,
		     const char *b, u64 va, u64 vb);
bool unit_expect_str(const char *file, int line, const char *a,
		     const char *b, const char *va, const char *vb);
bool unit_expect_mem(const char *file, int line, const char *a,
		     const char *b, const void *va, const void *vb,
		     size_t len);
bool unit_expect_substr(const char *file, int line, const char *hay,
			const char *needle);

#define EXPECT(cond)							\
	((cond) ? true :						\
	 (unit_fail(__FILE__, __LINE__, "expected %s", #cond), false))
/* Each operand evaluated once: they may be register reads. */
#define EXPECT_EQ(a, b)	({						\
	u64 __a = (u64)(a), __b = (u64)(b);				\
									\
	unit_expect_u64(__a == __b, __FILE__, __LINE__, #a, #b,		\
			__a, __b);					\
})
#define EXPECT_STREQ(a, b)						\
	unit_expect_str(__FILE__, __LINE__, #a, #b, (a), (b))
#define EXPECT_MEMEQ(a, b, len)						\
	unit_expect_mem(__FILE__, __LINE__, #a, #b, (a), (b), (len))
/* @hay contains @needle (error messages). */
#define EXPECT_SUBSTR(hay, needle)					\
	unit_expect_substr(__FILE__, __LINE__, (hay), (needle))

/*
 * What the stand-ins of error() and info() saw: the last message of
 * each and their counts.  Not printed, so that expected errors do not
 * clutter the report; a case asserts them instead.
 */
extern char unit_last_error[512];
extern int unit_nr_errors;
extern char unit_last_info[512];
extern int unit_nr_infos;

/*
 * A new temporary file holding @len bytes of @data, or the path of one
 * named after @name, not created; valid until the case ends.
 */
const char *unit_temp_file(const char *data, size_t len);
const char *unit_temp_path(const char *name);

#endif /* AVCPU_UNIT_H */
