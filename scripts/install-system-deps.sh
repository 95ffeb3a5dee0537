#!/usr/bin/env bash
# Installs what the tests need from the system: Debian's chromium for the browser tests, and a
# Java 17 runtime for Spark (pyspark starts a JVM; make test-spark). Playwright drives
# /usr/bin/chromium; we never download a browser of Playwright's own.
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
if ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|2[0-9])'; then
  packages+=(openjdk-17-jre-headless)
fi
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
echo "==> Installing from Debian: ${packages[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Missing and this user cannot install it (not root, no sudo): ${packages[*]}" >&2
  echo "Install with: apt-get install ${packages[*]}" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
command -v chromium >/dev/null && chromium --version
java -version 2>&1 | head -1
