#!/usr/bin/env bash
# Install the Debian packages listed in scripts/system-packages*.txt that are not installed yet.
# Idempotent and quick when everything is there; needs root (or sudo) only when something is missing.
set -euo pipefail
cd "$(dirname "$0")"
mapfile -t wanted < <(cat system-packages*.txt | sed 's/#.*//' | awk 'NF {print $1}' | sort -u)
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages: all present (${#wanted[@]})"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: done"
