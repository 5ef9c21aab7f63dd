#!/usr/bin/env bash
# Installs the browser the browser tests drive: Debian's Chromium and its matching ChromeDriver,
#
#   /usr/bin/chromium  /usr/bin/chromedriver
#
# from the OS packages chromium and chromium-driver (plus fonts-liberation, so that pages render
# with the usual metric-compatible fonts), through apt-get. Selenium's own driver download and
# Chrome for Testing are hosted where these machines cannot reach.
#
# Usage: scripts/browser.sh
# Returns at once when both are there; otherwise installs them (first time only; a minute or two).
# Needs root (or password-less sudo) and apt-get for that. Prints both versions on standard output
# and fails when their major versions differ. Safe to run concurrently: one install at a time.
set -euo pipefail

chromium=/usr/bin/chromium
chromedriver=/usr/bin/chromedriver
packages=(chromium chromium-driver fonts-liberation)

present() {
  [[ -x "$chromium" && -x "$chromedriver" ]]
}

# Whole outputs, never `| head`: with pipefail, the writer's SIGPIPE would fail the script.
report() {
  local browser_version driver_version
  # Debian's launcher script warns about /dev/shm on standard error at every start; the real
  # error, if any, is shown by the second run.
  if ! browser_version="$("$chromium" --version 2> /dev/null)"; then
    echo "browser: '$chromium --version' failed:" >&2
    "$chromium" --version >&2 || true
    exit 1
  fi
  if ! driver_version="$("$chromedriver" --version 2>&1)"; then
    echo "browser: '$chromedriver --version' failed: $driver_version" >&2
    exit 1
  fi
  browser_version="${browser_version%%$'\n'*}"
  driver_version="${driver_version%%$'\n'*}"
  echo "browser: $browser_version"
  echo "browser: $driver_version"
  local browser_major driver_major
  browser_major="$(sed -n 's/^Chromium \([0-9]*\)\..*/\1/p' <<<"$browser_version")"
  driver_major="$(sed -n 's/^ChromeDriver \([0-9]*\)\..*/\1/p' <<<"$driver_version")"
  if [[ -z "$browser_major" || "$browser_major" != "$driver_major" ]]; then
    echo "browser: $chromedriver ('$driver_version') does not match $chromium ('$browser_version');" \
      "reinstall both from one source: apt-get install --reinstall ${packages[*]}" >&2
    exit 1
  fi
}

if present; then
  report
  exit 0
fi

missing=()
[[ -x "$chromium" ]] || missing+=("$chromium")
[[ -x "$chromedriver" ]] || missing+=("$chromedriver")

if ! command -v apt-get > /dev/null; then
  echo "browser: ${missing[*]} missing, and there is no apt-get to install them with." >&2
  echo "browser: install Chromium and the ChromeDriver of the same version at $chromium and $chromedriver" \
    "with this system's package manager (Debian and Ubuntu: apt-get install ${packages[*]})." >&2
  exit 1
fi

as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    as_root=(sudo -n)
  else
    echo "browser: ${missing[*]} missing; installing them needs root:" \
      "run 'sudo apt-get update && sudo apt-get install -y ${packages[*]}' once, or this script as root." >&2
    exit 1
  fi
fi

lock_dir="${XDG_CACHE_HOME:-$HOME/.cache}/kafleet"
mkdir -p "$lock_dir"
exec 9> "$lock_dir/browser.lock"
flock 9
if present; then
  report
  exit 0
fi

started=$SECONDS
echo "browser: ${missing[*]} missing; installing ${packages[*]} with apt-get (first time only; a minute or two)"
log="$(mktemp "${TMPDIR:-/tmp}/kafleet-browser-apt.XXXXXX")"
trap 'rm -f "$log"' EXIT

apt() {
  # Waits for another apt-get or dpkg (an unattended upgrade, a second build) instead of failing.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" \
    >> "$log" 2>&1
}

# The package lists first: on a machine kept for a while they may name versions that the
# security archive no longer serves.
if ! apt update -q; then
  cat "$log" >&2
  echo "browser: 'apt-get update' failed (output above); check that Debian's package archive is reachable." >&2
  exit 1
fi
if ! apt install -y -q --no-install-recommends "${packages[@]}"; then
  cat "$log" >&2
  echo "browser: 'apt-get install ${packages[*]}' failed (output above)." >&2
  exit 1
fi
if ! present; then
  echo "browser: apt-get installed ${packages[*]}, yet ${missing[*]} is still missing." >&2
  exit 1
fi
report
echo "browser: installed ${packages[*]} in $((SECONDS - started)) s"
