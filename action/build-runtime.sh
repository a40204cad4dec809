#!/usr/bin/env bash
# Builds the action's runtime directory, laid out exactly like /opt/neon-ci in the image:
#
#   DEST/bin/java ...          a jlinked JDK runtime with the modules of jlink-modules.txt
#   DEST/neon-ci-action.jar    the shaded entrypoint (main phase: java -jar DEST/neon-ci-action.jar)
#   DEST/neon-ci-post          the post-entrypoint: "#!PREFIX/bin/java -jar" followed by a manifest-only jar
#                              whose Main-Class is dev.neonci.action.PostMain and whose Class-Path is
#                              neon-ci-action.jar. The kernel runs it as "DEST/bin/java -jar DEST/neon-ci-post",
#                              so it works in an image without a shell (the runner passes
#                              --entrypoint <path> with no arguments).
#
# Used by the Dockerfile (DEST=/opt/neon-ci) and by the action module's integration tests
# (DEST=action/target/runtime), so both run the same runtime. Needs JAVA_HOME (or java on PATH) of a
# JDK 17+: jlink, jar.
#
# Usage: build-runtime.sh DEST [path/to/neon-ci-action.jar [PREFIX]]
#   PREFIX: where DEST will be seen at run time, for the launcher's shebang line (default DEST), like
#   make's DESTDIR: build-runtime.sh rootfs/opt/neon-ci app.jar /opt/neon-ci.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${1:?usage: build-runtime.sh DEST [neon-ci-action.jar [PREFIX]]}"
jar_file="${2:-$here/target/neon-ci-action.jar}"
prefix="${3:-}"

if [[ -n "${JAVA_HOME:-}" ]]; then
  jdk_bin="$JAVA_HOME/bin"
else
  jdk_bin="$(dirname "$(readlink -f "$(command -v java)")")"
fi
[[ -x "$jdk_bin/jlink" ]] || { echo "build-runtime.sh: no jlink in $jdk_bin (set JAVA_HOME to a JDK)" >&2; exit 1; }
[[ -f "$jar_file" ]] || { echo "build-runtime.sh: $jar_file not found (run ./mvnw -pl action -am package first)" >&2; exit 1; }

mkdir -p "$(dirname "$dest")"
dest="$(cd "$(dirname "$dest")" && pwd)/$(basename "$dest")"
prefix="${prefix:-$dest}"

# Modules: jlink-modules.txt minus comments; a module this JDK does not have is skipped (jdk.crypto.ec
# was folded into java.base in JDK 22).
available="$("$jdk_bin/java" --list-modules | sed 's/@.*//')"
modules=()
while read -r m; do
  m="${m%%#*}"; m="${m//[[:space:]]/}"
  [[ -z "$m" ]] && continue
  if grep -qx "$m" <<<"$available"; then modules+=("$m"); else echo "build-runtime.sh: skipping $m (not in this JDK)" >&2; fi
done < "$here/jlink-modules.txt"

# --compress: JDK 21 renamed the levels (2 -> zip-6).
feature="$("$jdk_bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if (( ${feature%%.*} >= 21 )); then compress="--compress=zip-6"; else compress="--compress=2"; fi

jlink_flags=(
  --strip-debug --no-header-files --no-man-pages "$compress"
  # Baked-in JVM options for a short-lived single-threaded CLI: fast start, small heap, no /tmp/hsperfdata.
  "--add-options=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k"
)

# Built next to DEST and moved into place at the end, so that a half-built runtime is never at DEST
# (other builds in the same tree may be running the previous one).
work="$(mktemp -d)"
staging="$dest.building.$$"
trap 'rm -rf "$work" "$staging"' EXIT
modules_csv="$(IFS=,; echo "${modules[*]}")"
"$jdk_bin/jlink" --add-modules "$modules_csv" "${jlink_flags[@]}" --output "$staging"

cp "$jar_file" "$staging/neon-ci-action.jar"

# The post-entrypoint: a shebang line, then a jar holding only a manifest.
printf 'Main-Class: dev.neonci.action.PostMain\nClass-Path: neon-ci-action.jar\n' > "$work/manifest.txt"
mkdir -p "$work/empty"
"$jdk_bin/jar" --create --file "$work/post.jar" --manifest "$work/manifest.txt" -C "$work/empty" .
shebang="#!$prefix/bin/java -jar"
if (( ${#shebang} > 127 )); then
  echo "build-runtime.sh: $prefix is too long for a shebang line (kernel limit); use a shorter path" >&2
  exit 1
fi
{ printf '%s\n' "$shebang"; cat "$work/post.jar"; } > "$staging/neon-ci-post"
chmod 755 "$staging/neon-ci-post"

rm -rf "$dest"
mv "$staging" "$dest"

echo "build-runtime.sh: $dest ($(du -sm "$dest" | cut -f1) MB, modules: $modules_csv)"
