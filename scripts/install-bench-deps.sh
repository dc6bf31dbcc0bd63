#!/usr/bin/env bash
# LibreOffice for `make bench` only (scripts/bench.py compares its DOCX → PDF conversion with
# Styrkort's own PDF); Carlito is the font LibreOffice substitutes for Calibri in the DOCX.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v soffice >/dev/null; then
  apt-get update -qq
  apt-get install -y -q --no-install-recommends libreoffice-writer-nogui fonts-crosextra-carlito
fi
soffice --version
