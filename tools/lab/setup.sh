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
# pahole: the 6.12 headers ship vmlinux, so kbuild adds BTF to modules.
host_pkgs=(qemu-system-arm linux-kbuild-6.1 linux-source-6.1 cpio gzip xz-utils
	   make bc flex bison libelf-dev libssl-dev python3 perl u-boot-qemu tmux dkms
	   device-tree-compiler pahole)
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
	[pahole]="BTF for modules built against the 6.12 headers (they ship vmlinux)"
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

# Debian 12's 6.12 kernels (bookworm-security), 4 KiB (-arm64) and 16 KiB
# (-arm64-16k) pages: the version from the linux-image-6.12-FLAVOUR meta
# package, remembered in the cache like the 6.1 one.  Their headers share
# one -common tree and one linux-kbuild (host tools, unpacked into the
# cache rather than installed); of each image only /boot is kept.
# Prints the version; AVCPU_KVER_612 / AVCPU_KVER_612_16K override it.
resolve_612() {	# resolve_612 FLAVOUR OVERRIDE
	local flavour=$1 file=$CACHE/kernel-version-6.12-$1 v
	local re="s/.*Depends: linux-image-\(6\.12\..*-$flavour\):arm64\$/\1/p"

	if [ -n "$2" ]; then
		echo "$2"
		return
	fi
	if [ -s "$file" ]; then
		cat "$file"
		return
	fi
	v=$(apt-cache depends "linux-image-6.12-$flavour:arm64" 2>/dev/null | sed -n "$re" | head -n1)
	if [ -z "$v" ]; then
		apt_update
		v=$(apt-cache depends "linux-image-6.12-$flavour:arm64" | sed -n "$re" | head -n1)
	fi
	[ -n "$v" ] || { log "cannot resolve the 6.12 $flavour kernel version"; exit 1; }
	echo "$v" >"$file"
	echo "$v"
}

# Download the packages whose .deb is not in DIR/debs yet.
download_debs() {	# download_debs DIR PKG...
	local dir=$1 p missing=()

	shift
	mkdir -p "$dir/debs"
	for p in "$@"; do
		compgen -G "$dir/debs/${p%%:*}_*.deb" >/dev/null || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	log "fetching ${missing[*]}"
	(cd "$dir/debs" && apt-get download -qq "${missing[@]}") >&2 || {
		apt_update
		(cd "$dir/debs" && apt-get download -qq "${missing[@]}") >&2
	}
}

fetch_612() {	# fetch_612 KVER (e.g. 6.12.118+deb12-arm64-16k); sets kdir612
	local kv=$1 base=${1%%-arm64*} cdir hdr d

	# -common and linux-kbuild, shared by both flavours.
	cdir=$CACHE/kernel-$base-common
	if [ ! -e "$cdir/.done" ]; then
		rm -rf "$cdir/root"
		download_debs "$cdir" "linux-headers-$base-common" "linux-kbuild-$base"
		for d in "$cdir"/debs/*.deb; do
			dpkg-deb -x "$d" "$cdir/root"
		done
		rm -rf "$cdir/debs"
		touch "$cdir/.done"
	fi
	kdir612=$CACHE/kernel-$kv
	if [ ! -e "$kdir612/.done" ]; then
		rm -rf "$kdir612/root"
		download_debs "$kdir612" "linux-image-$kv-unsigned:arm64" \
			"linux-headers-$kv:arm64"
		mkdir -p "$kdir612/root"
		dpkg-deb --fsys-tarfile "$kdir612"/debs/linux-image-*.deb |
			tar -x -C "$kdir612/root" ./boot
		dpkg-deb -x "$kdir612"/debs/linux-headers-*.deb "$kdir612/root"
		hdr=$kdir612/root/usr/src/linux-headers-$kv
		sed -i "s|/usr/src/linux-headers-$base-common|$cdir/root/usr/src/linux-headers-$base-common|g" \
			"$hdr/Makefile"
		ln -sfn "$cdir/root/usr/lib/linux-kbuild-$base/scripts" "$hdr/scripts"
		ln -sfn "$cdir/root/usr/lib/linux-kbuild-$base/tools" "$hdr/tools"
		rm -rf "$kdir612/debs"
		touch "$kdir612/.done"
	fi
	# zram.ko and the lib/ modules it needs (lz4), for test_hostmm's
	# swap on zram: the rest of the image's modules stays packed.
	if [ ! -e "$kdir612/.zram-done" ]; then
		log "unpacking zram.ko and its lib/ dependencies from linux-image-$kv-unsigned (swap on zram in the 6.12 labs)"
		download_debs "$kdir612" "linux-image-$kv-unsigned:arm64"
		dpkg-deb --fsys-tarfile "$kdir612"/debs/linux-image-*.deb |
			tar -x -C "$kdir612/root" --wildcards \
				'./lib/modules/*/kernel/drivers/block/zram/*' \
				'./lib/modules/*/kernel/lib/*'
		rm -rf "$kdir612/debs"
		touch "$kdir612/.zram-done"
	fi
}

kver612=$(resolve_612 arm64 "${AVCPU_KVER_612:-}")
fetch_612 "$kver612"
kdir612_4k=$kdir612
kver612_16k=$(resolve_612 arm64-16k "${AVCPU_KVER_612_16K:-}")
fetch_612 "$kver612_16k"
kdir612_16k=$kdir612

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
# The 6.12 kernels (lab kernel columns 6.12 and 6.12-16k).
echo "KVER_612=$kver612"
echo "KDIR_612=$kdir612_4k/root/usr/src/linux-headers-$kver612"
echo "VMLINUZ_612=$kdir612_4k/root/boot/vmlinuz-$kver612"
echo "KVER_612_16K=$kver612_16k"
echo "KDIR_612_16K=$kdir612_16k/root/usr/src/linux-headers-$kver612_16k"
echo "VMLINUZ_612_16K=$kdir612_16k/root/boot/vmlinuz-$kver612_16k"
# The debug kernel's paths (DEBUG_KDIR DEBUG_IMAGE DEBUG_STAMP); it is
# built by the Makefile, only for the configurations that boot it.
"$(dirname "$0")/debug-kernel" print
