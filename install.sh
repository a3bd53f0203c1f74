#!/bin/sh
# plandash installer: picks the release archive for this OS and CPU, checks it against the
# release's SHA256SUMS, and installs the binary by an atomic rename (re-running upgrades in place).
# POSIX sh; never uses sudo; on any failure it says why in one line and installs nothing.
#
#   curl -fsSL <release URL>/install.sh | sh
#
# Environment:
#   PLANDASH_BASE_URL     the release folder (the one that holds SHA256SUMS and the archives)
#   PLANDASH_INSTALL_DIR  where the binary goes (default: ~/.local/bin)
set -eu

# `npm run release -- --base-url URL` fills this in, in the copy it writes next to the archives.
PLANDASH_DEFAULT_BASE_URL=''

tmp=''
staged=''
cleanup() {
  if [ -n "$staged" ]; then rm -f "$staged"; fi
  if [ -n "$tmp" ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() {
  printf 'plandash install: %s\n' "$*" >&2
  exit 1
}

one_line() {
  printf '%s' "$1" | tr '\n' ' ' | sed 's/ *$//'
}

is_musl() {
  if command -v ldd >/dev/null 2>&1; then
    case "$(ldd --version 2>&1 || true)" in
      *musl*) return 0 ;;
      *) return 1 ;;
    esac
  fi
  # No ldd: a musl loader and no glibc one.
  for loader in /lib/ld-musl-*; do
    if [ -e "$loader" ] && [ ! -e /lib64/ld-linux-x86-64.so.2 ]; then return 0; fi
  done
  return 1
}

# The x64 builds other than baseline use AVX2 (Bun's default x64 build needs it).
has_avx2() {
  grep -q avx2 /proc/cpuinfo 2>/dev/null
}

# Sets $target to a release target name, or says why there is none.
detect_target() {
  os=$(uname -s 2>/dev/null || echo unknown)
  cpu=$(uname -m 2>/dev/null || echo unknown)
  case "$os" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN*) die "on Windows, download plandash-<version>-windows-x64.zip from the release and check it against SHA256SUMS, or run: npm install -g plandash" ;;
    *) die "there is no plandash build for the OS '$os' (uname -s), only for Linux, macOS and Windows — build it from source: see \"Install\" in the README" ;;
  esac
  case "$cpu" in
    x86_64 | amd64) cpu=x64 ;;
    aarch64 | arm64) cpu=arm64 ;;
    *) die "there is no plandash build for the CPU '$cpu' (uname -m) on $os, only for x86_64 and arm64 — build it from source: see \"Install\" in the README" ;;
  esac
  # An x64 shell under Rosetta on Apple silicon: the native build is the better one.
  if [ "$os" = darwin ] && [ "$cpu" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
    cpu=arm64
  fi
  target="$os-$cpu"
  if [ "$os" = linux ] && is_musl; then
    if [ "$cpu" != x64 ] || ! has_avx2; then
      die "there is no plandash build for musl libc on this CPU ($cpu$([ "$cpu" = x64 ] && echo ' without AVX2')) — build it from source: see \"Install\" in the README"
    fi
    target=linux-x64-musl
  elif [ "$target" = linux-x64 ] && ! has_avx2; then
    target=linux-x64-baseline
  fi
}

sha256_tool() {
  if command -v sha256sum >/dev/null 2>&1; then
    echo sha256sum
  elif command -v shasum >/dev/null 2>&1; then
    echo 'shasum -a 256'
  else
    die "neither sha256sum nor shasum is installed, so the download cannot be checked and nothing was installed — install coreutils (sha256sum) or perl (shasum)"
  fi
}

download() {
  if command -v curl >/dev/null 2>&1; then
    err=$(curl -fsSL -o "$2" "$1" 2>&1) || die "could not download $1: $(one_line "$err")"
  elif command -v wget >/dev/null 2>&1; then
    case "$1" in
      file://*) err=$(cp "${1#file://}" "$2" 2>&1) || die "could not copy $1: $(one_line "$err")" ;;
      *) err=$(wget -q -O "$2" "$1" 2>&1) || die "could not download $1: $(one_line "$err")" ;;
    esac
  else
    die "neither curl nor wget is installed: install one of them and run this again"
  fi
}

detect_target
base_url=${PLANDASH_BASE_URL:-$PLANDASH_DEFAULT_BASE_URL}
base_url=${base_url%/}
[ -n "$base_url" ] || die "no download location: set PLANDASH_BASE_URL to the release folder (the one that holds SHA256SUMS)"
hash_cmd=$(sha256_tool)

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t plandash) || die "could not create a temporary folder (is TMPDIR writable?)"
download "$base_url/SHA256SUMS" "$tmp/SHA256SUMS"
archive=$(awk -v t="$target" '{ n = $2; sub(/^\*/, "", n); if (n ~ ("^plandash-.+-" t "\\.tar\\.gz$")) print n }' "$tmp/SHA256SUMS")
case "$archive" in
  '') die "$base_url/SHA256SUMS lists no archive for $target" ;;
  *'
'*) die "$base_url/SHA256SUMS lists more than one archive for $target: $(one_line "$archive")" ;;
esac
expected=$(awk -v n="$archive" '{ f = $2; sub(/^\*/, "", f); if (f == n) { print $1; exit } }' "$tmp/SHA256SUMS")

download "$base_url/$archive" "$tmp/$archive"
actual=$($hash_cmd "$tmp/$archive" | cut -d ' ' -f 1)
if [ "$actual" != "$expected" ]; then
  die "checksum mismatch for $archive (SHA256SUMS says $expected, the download is $actual): it is damaged or was tampered with, so nothing was installed"
fi

mkdir "$tmp/unpacked"
err=$(tar -xzf "$tmp/$archive" -C "$tmp/unpacked" 2>&1) || die "could not unpack $archive: $(one_line "$err")"
binary="$tmp/unpacked/${archive%.tar.gz}/plandash"
[ -f "$binary" ] || die "$archive holds no ${archive%.tar.gz}/plandash"
version=$("$binary" --version 2>&1) || die "the downloaded plandash does not run on this machine ($target): $(one_line "$version")"

if [ -n "${PLANDASH_INSTALL_DIR:-}" ]; then
  install_dir=$PLANDASH_INSTALL_DIR
else
  [ -n "${HOME:-}" ] || die "HOME is not set: set PLANDASH_INSTALL_DIR to the folder to install into"
  install_dir="$HOME/.local/bin"
fi
err=$(mkdir -p "$install_dir" 2>&1) || die "cannot create $install_dir ($(one_line "$err")) — choose another folder with PLANDASH_INSTALL_DIR"
[ -w "$install_dir" ] || die "cannot write to $install_dir (this script never uses sudo) — choose a folder you own with PLANDASH_INSTALL_DIR"

previous=''
if [ -x "$install_dir/plandash" ]; then
  previous=$("$install_dir/plandash" --version 2>/dev/null || true)
fi
# Staged beside the target, so the rename below stays on one filesystem: a running plandash keeps its
# old file, and no one ever sees a half-written binary.
staged="$install_dir/.plandash.install.$$"
err=$(cp "$binary" "$staged" 2>&1) || die "cannot write to $install_dir: $(one_line "$err")"
chmod 755 "$staged"
err=$(mv -f "$staged" "$install_dir/plandash" 2>&1) || die "cannot install into $install_dir: $(one_line "$err")"
staged=''

if [ -n "$previous" ] && [ "$previous" != "$version" ]; then
  echo "plandash $version ($target) installed to $install_dir/plandash, replacing $previous"
elif [ -n "$previous" ]; then
  echo "plandash $version ($target) reinstalled to $install_dir/plandash"
else
  echo "plandash $version ($target) installed to $install_dir/plandash"
fi
case ":${PATH:-}:" in
  *":$install_dir:"*) ;;
  *) echo "$install_dir is not on your PATH; add it in your shell's profile: export PATH=\"$install_dir:\$PATH\"" ;;
esac
