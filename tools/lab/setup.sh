#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare the QEMU test lab on a Debian x86_64 (or arm64) machine:
# host packages (u-boot-qemu, Architecture: all, gives the U-Boot guest),
# then Debian's arm64 kernel image, headers and a static busybox unpacked
# into a cache outside the repository, keyed by version.
# Prints the shell assignments the Makefile consumes (the debug kernel's
# paths too; tools/lab/debug-kernel builds that when a configuration needs it).  A second run with
# everything cached does no network work.  Before installing or fetching
# anything it says what and why.
#
#   tools/lab/setup.sh --query   install, fetch and write nothing: print the
#                                lines for what the cache already holds
#                                (KVER KDIR VMLINUZ BUSYBOX, KSFT_DIR
#                                CHECKPATCH, UBOOT), exit 1 if the lab
#                                kernel is not there.  For `make module`
#                                and `make tools`, which must not install.
set -euo pipefail

CACHE=${AVCPU_CACHE:-$HOME/.cache/avcpu}

log() { echo "lab-setup: $*" >&2; }

if [ "${1:-}" = --query ]; then
	kver=${AVCPU_KVER:-}
	[ -z "$kver" ] && [ -s "$CACHE/kernel-version" ] && kver=$(cat "$CACHE/kernel-version")
	kdir=$CACHE/kernel-$kver
	[ -n "$kver" ] && [ -e "$kdir/.done" ] || exit 1
	echo "KVER=$kver"
	echo "KDIR=$kdir/root/usr/src/linux-headers-$kver"
	echo "VMLINUZ=$kdir/root/boot/vmlinuz-$kver"
	echo "BUSYBOX=$kdir/root/bin/busybox"
	# The newest unpacked linux-source (kselftest headers, checkpatch).
	sdir=$(ls -d "$CACHE"/linux-source-*/.done 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$sdir" ]; then
		sdir=${sdir%/.done}
		echo "KSFT_DIR=$sdir/tools/testing/selftests"
		echo "CHECKPATCH=$sdir/scripts/checkpatch.pl"
	fi
	uboot=/usr/lib/u-boot/qemu_arm64/u-boot.bin
	[ -s "$uboot" ] && echo "UBOOT=$uboot"
	exit 0
fi

mkdir -p "$CACHE"

need_pkgs=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

native=$(dpkg --print-architecture)
host_pkgs=(qemu-system-arm linux-kbuild-6.1 linux-source-6.1 cpio gzip xz-utils
	   make bc flex bison libelf-dev libssl-dev python3 perl u-boot-qemu tmux dkms
	   device-tree-compiler)
if [ "$native" != arm64 ]; then
	host_pkgs+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
fi
# Why each package, said before installing it.
declare -A why=(
	[qemu-system-arm]="boots the arm64 lab configurations"
	[linux-kbuild-6.1]="kbuild host tools (fixdep, modpost) for the lab kernel's headers"
	[linux-source-6.1]="kselftest headers, checkpatch.pl and the debug kernel's source"
	[cpio]="initramfs" [gzip]="initramfs" [xz-utils]="unpacks linux-source"
	[make]="builds" [bc]="kernel builds" [flex]="kernel builds" [bison]="kernel builds"
	[libelf-dev]="kernel builds" [libssl-dev]="kernel builds"
	[python3]="mkinitramfs, ktap-summary" [perl]="checkpatch, kernel builds"
	[u-boot-qemu]="the U-Boot guest of avcpu-run (test_uboot)"
	[tmux]="make check's tty check: make run on a pseudo-terminal"
	[device-tree-compiler]="make unit checks avcpu-run's device trees with dtc"
	[dkms]="make check builds avcpu.ko with Debian's dkms (a private dkms tree, nothing installed)"
	[gcc-aarch64-linux-gnu]="cross-compiles avcpu.ko and the tools for arm64"
	[libc6-dev-arm64-cross]="static arm64 test binaries"
)
for p in "${host_pkgs[@]}"; do
	have "$p" || need_pkgs+=("$p")
done

apt_updated=
apt_update() {
	[ -n "$apt_updated" ] && return 0
	log "apt-get update"
	apt-get update -qq >&2
	apt_updated=1
}

if [ "$native" != arm64 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
	log "enabling arm64 multiarch (dpkg --add-architecture arm64): the lab downloads Debian's arm64 kernel and busybox packages"
	dpkg --add-architecture arm64
	apt_updated=
	apt_update
fi

if [ ${#need_pkgs[@]} -gt 0 ]; then
	log "installing ${#need_pkgs[@]} missing packages for the lab:"
	for p in "${need_pkgs[@]}"; do
		log "  $p: ${why[$p]:-lab}"
	done
	apt_update
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${need_pkgs[@]}" >&2
fi

# The kernel under test: whatever bookworm's linux-image-arm64 points at,
# remembered in the cache so later runs need no apt metadata.
kver_file=$CACHE/kernel-version
if [ -n "${AVCPU_KVER:-}" ]; then
	kver=$AVCPU_KVER
elif [ -s "$kver_file" ]; then
	kver=$(cat "$kver_file")
else
	kver=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
	       sed -n 's/.*Depends: linux-image-\(.*-arm64\):arm64.*/\1/p' | head -n1)
	if [ -z "$kver" ]; then
		apt_update
		kver=$(apt-cache depends linux-image-arm64:arm64 |
		       sed -n 's/.*Depends: linux-image-\(.*-arm64\):arm64.*/\1/p' | head -n1)
	fi
	[ -n "$kver" ] || { log "cannot resolve the arm64 kernel version"; exit 1; }
	echo "$kver" > "$kver_file"
fi
common=${kver%-arm64}-common

kdir=$CACHE/kernel-$kver
if [ ! -e "$kdir/.done" ]; then
	log "fetching Debian's arm64 kernel $kver into $kdir (apt-get download, unpacked, not installed): the lab's host kernel, its headers for avcpu.ko, and busybox-static for the initramfs"
	rm -rf "$kdir"
	mkdir -p "$kdir/debs"
	(cd "$kdir/debs" && apt-get download -qq \
		"linux-image-$kver:arm64" "linux-headers-$kver:arm64" \
		"linux-headers-$common" "busybox-static:arm64") >&2 || {
		apt_update
		(cd "$kdir/debs" && apt-get download -qq \
			"linux-image-$kver:arm64" "linux-headers-$kver:arm64" \
			"linux-headers-$common" "busybox-static:arm64") >&2
	}
	for d in "$kdir"/debs/*.deb; do
		dpkg-deb -x "$d" "$kdir/root"
	done
	hdr=$kdir/root/usr/src/linux-headers-$kver
	# The headers' Makefile names the -common tree by absolute path.
	sed -i "s|/usr/src/linux-headers-$common|$kdir/root/usr/src/linux-headers-$common|g" \
		"$hdr/Makefile"
	# Host tools (fixdep, modpost) come from the installed linux-kbuild-6.1;
	# both header trees link to it by a path relative to /usr/src.
	for t in "$hdr" "$kdir/root/usr/src/linux-headers-$common"; do
		ln -sfn /usr/lib/linux-kbuild-6.1/scripts "$t/scripts"
		ln -sfn /usr/lib/linux-kbuild-6.1/tools "$t/tools"
	done
	rm -rf "$kdir/debs"
	touch "$kdir/.done"
fi

# kselftest headers from linux-source-6.1, unpacked once per version.
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
sdir=$CACHE/linux-source-$srcver
if [ ! -e "$sdir/.done" ]; then
	log "unpacking kselftest headers and checkpatch from linux-source-6.1 $srcver"
	rm -rf "$sdir"
	mkdir -p "$sdir"
	tar -C "$sdir" --strip-components=1 -xaf /usr/src/linux-source-6.1.tar.xz \
		--wildcards 'linux-source-6.1/tools/testing/selftests/kselftest*' \
		'linux-source-6.1/scripts/checkpatch.pl' \
		'linux-source-6.1/scripts/spelling.txt' \
		'linux-source-6.1/scripts/const_structs.checkpatch'
	touch "$sdir/.done"
fi

# The U-Boot guest for avcpu-run (test_uboot, make run GUEST=uboot).
uboot=/usr/lib/u-boot/qemu_arm64/u-boot.bin
[ -s "$uboot" ] || { log "$uboot missing (package u-boot-qemu)"; exit 1; }

echo "KVER=$kver"
echo "KDIR=$kdir/root/usr/src/linux-headers-$kver"
echo "VMLINUZ=$kdir/root/boot/vmlinuz-$kver"
echo "BUSYBOX=$kdir/root/bin/busybox"
echo "KSFT_DIR=$sdir/tools/testing/selftests"
echo "CHECKPATCH=$sdir/scripts/checkpatch.pl"
echo "UBOOT=$uboot"
# The debug kernel's paths (DEBUG_KDIR DEBUG_IMAGE DEBUG_STAMP); it is
# built by the Makefile, only for the configurations that boot it.
"$(dirname "$0")/debug-kernel" print
