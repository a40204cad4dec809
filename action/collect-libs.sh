#!/usr/bin/env bash
# Copies the shared libraries a jlinked runtime needs (glibc's loader and libc, libm, zlib, ...) into a
# root file system, keeping their paths, plus an empty /tmp: everything a FROM-scratch image needs to run
# it. The libraries are found with ldd, so it works on any architecture and distribution.
#
# Used by the Dockerfile's build stage and by ScratchRootfsIT.
#
# Usage: collect-libs.sh ROOTFS RUNTIME_DIR
set -euo pipefail
rootfs="${1:?usage: collect-libs.sh ROOTFS RUNTIME_DIR}"
runtime="${2:?usage: collect-libs.sh ROOTFS RUNTIME_DIR}"
runtime="$(cd "$runtime" && pwd)"

mkdir -p "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"
# ldd prints "lib => /path (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"; the runtime's own
# libraries (found through its RPATH) come with the runtime and are skipped.
ldd "$runtime/bin/java" "$runtime"/lib/*.so "$runtime/lib/server/libjvm.so" \
  | grep -o '/[^ :]*' | grep -v "^$runtime/" | sort -u \
  | while read -r lib; do
      if [[ -e "$lib" ]]; then cp --parents -L "$lib" "$rootfs/"; fi
    done
