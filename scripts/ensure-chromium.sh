#!/usr/bin/env bash
# Makes sure the Chromium that Playwright drives is installed. The e2e suite uses Debian's
# chromium package and never downloads a browser of its own (`npx playwright install` is
# not used anywhere).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM not found; installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
  if [ -x "$CHROMIUM" ]; then
    exit 0
  fi
  echo "ensure-chromium: installed chromium, but $CHROMIUM is still missing; set CHROMIUM_PATH" >&2
  exit 1
fi

cat >&2 <<MSG
ensure-chromium: no Chromium at $CHROMIUM.
The end-to-end tests drive the system Chromium; install it, then run them again:
  sudo apt-get update && sudo apt-get install -y chromium
or point CHROMIUM_PATH at an existing Chromium/Chrome binary:
  CHROMIUM_PATH=/path/to/chromium npm run test:e2e
MSG
exit 1
