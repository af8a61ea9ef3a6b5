#!/usr/bin/env bash
# Installs every Debian 12 package that Tunebench's build, tests and GUI need.
# Idempotent: packages already present are skipped by apt. Runs as root, or through sudo.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6opengl6-dev libgl-dev
  libsqlite3-dev sqlite3 libcsv-dev
  libsimdjson-dev libpugixml-dev libyaml-cpp-dev libarchive-dev libxxhash-dev libssl-dev
  libevtx-dev libbfio-dev libevtx-utils
  # Syntax highlighting on Debian 12: KF5 only, so the kate-syntax-highlighter tool out of process; the
  # Qt 5 + KF5 dev packages build the in-process backend's test (tests/kf5).
  # They also build tunebench-highlightd (app/highlightd), the long-lived highlighter tunebench prefers.
  libkf5syntaxhighlighting-tools libkf5syntaxhighlighting-dev qtbase5-dev
  xvfb xauth fonts-dejavu-core imagemagick
  python3 # resources/knowledge/check_knowledge.py, tests/data generators
  # The libFuzzer targets of tests/fuzz: clang-14 and its sanitizer/libFuzzer runtimes.
  clang libclang-rt-14-dev
)

# Where KF6 is packaged (Debian 13 and later), the build links KSyntaxHighlighting in process.
if apt-cache show libkf6syntaxhighlighting-dev >/dev/null 2>&1; then
  packages+=(libkf6syntaxhighlighting-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
