#!/usr/bin/env bash
# The full proving ground (issue 8): ≥1000 fuzz cases per API method, 200 SIGKILL rounds,
# 1000 audit-tamper cases per kind. CI runs the same suites reduced (npm test).
# Needs the build for the crash test: npx electron-vite build (npm test builds first).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f out/main/cli.js ] || npx electron-vite build
FUZZ_RUNS="${FUZZ_RUNS:-1000}" CRASH_ROUNDS="${CRASH_ROUNDS:-200}" AUDIT_RUNS="${AUDIT_RUNS:-1000}" \
  npx vitest run tests/unit/proving --testTimeout=3600000 "$@"
