// SPDX-License-Identifier: GPL-2.0
/*
 * Who may use /dev/avcpu: as udev leaves it (tools/udev/60-avcpu.rules,
 * which the lab's /init applies), group kvm and mode 0660.  A process
 * that is not root but is in group kvm runs a guest to its hypercall; one
 * outside the group gets EACCES.  The children drop root themselves
 * (setgroups, setgid, setuid) before touching the device.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"

#define USER_ID		1000
#define USER_GID	1000

/* The kvm group's id from /etc/group (no NSS in a static binary). */
static int kvm_gid(void)
{
	char line[512], *name, *gid;
	FILE *f = fopen("/etc/group", "r");
	int ret = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		name = strtok(line, ":");
		if (!name || strcmp(name, "kvm"))
			continue;
		strtok(NULL, ":");
		gid = strtok(NULL, ":");
		if (gid)
			ret = atoi(gid);
		break;
	}
	fclose(f);
	return ret;
}

/* x0 = 0x42, hvc #1 (not SMCCC): the exit the unprivileged guest must reach. */
AVCPU_GUEST(g_hello,
	"	mov	x0, #0x42\n"
	"	hvc	#1\n");

/*
 * Become USER_ID with primary group USER_GID and only the supplementary
 * groups given.  Returns 0, or the step that failed (as an exit code).
 */
static int drop_root(int ngroups, const gid_t *groups)
{
	if (setgroups(ngroups, groups))
		return 10;
	if (setgid(USER_GID))
		return 11;
	if (setuid(USER_ID))
		return 12;
	if (getuid() != USER_ID || geteuid() != USER_ID || getegid() != USER_GID)
		return 13;
	return 0;
}

/* Run fn in a child; return its exit status, or 128 + signal. */
static int in_child(int (*fn)(void *), void *arg)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid)
		_exit(fn(arg));
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int member_runs_guest(void *arg)
{
	gid_t kvm = *(gid_t *)arg;
	struct avcpu_guest g;
	__u32 reason;
	int ret;

	ret = drop_root(1, &kvm);
	if (ret)
		return ret;
	ret = avcpu_guest_create(&g, 1 << 20, g_hello_start, g_hello_end);
	if (ret) {
		fprintf(stderr, "# guest as uid %d: %s\n", USER_ID, strerror(-ret));
		return ret == -EACCES ? 20 : 21;
	}
	if (avcpu_run_to_hvc(&g, &reason) != 0x42) {
		fprintf(stderr, "# exit reason %u, not the hypercall\n", reason);
		avcpu_log_exit(g.run);
		return 22;
	}
	avcpu_guest_destroy(&g);
	return 0;
}

static int outsider_open(void *arg)
{
	int ret, fd;

	ret = drop_root(0, NULL);
	if (ret)
		return ret;
	fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC);
	if (fd >= 0 || errno != EACCES) {
		fprintf(stderr, "# open O_RDWR: %s\n",
			fd >= 0 ? "succeeded" : strerror(errno));
		return 30;
	}
	fd = open("/dev/avcpu", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 || errno != EACCES) {
		fprintf(stderr, "# open O_RDONLY: %s\n",
			fd >= 0 ? "succeeded" : strerror(errno));
		return 31;
	}
	return 0;
}

/* Root, and the kvm group's id in *kvm; else the test is skipped. */
#define NEED_KVM_GROUP(kvm) do {					\
	int __gid = kvm_gid();						\
									\
	if (getuid() != 0)						\
		SKIP(return, "needs root to drop to other users");	\
	if (__gid < 0)							\
		SKIP(return, "no kvm group in /etc/group (the lab's init makes it)"); \
	(kvm) = __gid;							\
} while (0)

TEST(devnode_is_kvm_0660)
{
	struct stat st;
	gid_t kvm;

	NEED_KVM_GROUP(kvm);
	ASSERT_EQ(0, stat("/dev/avcpu", &st));
	ASSERT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0660, st.st_mode & 07777);
	EXPECT_EQ(0, st.st_uid);
	EXPECT_EQ(kvm, st.st_gid);
}

TEST(kvm_member_runs_a_guest)
{
	gid_t kvm;

	NEED_KVM_GROUP(kvm);
	ASSERT_EQ(0, in_child(member_runs_guest, &kvm));
}

TEST(outsider_gets_eacces)
{
	gid_t kvm;

	NEED_KVM_GROUP(kvm);
	ASSERT_NE(USER_GID, kvm);
	ASSERT_EQ(0, in_child(outsider_open, NULL));
}

TEST_HARNESS_MAIN
