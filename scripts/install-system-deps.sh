#!/usr/bin/env bash
# Installs what the tests need from the system: Debian's chromium for the browser tests.
# Playwright drives /usr/bin/chromium; we never download a browser of Playwright's own.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
echo "==> Installing Debian's chromium for the browser tests"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "chromium is missing and this user cannot install it (not root, no sudo)." >&2
  echo "Install it with: apt-get install chromium   -- the browser tests are skipped until then." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
chromium --version
