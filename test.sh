#!/usr/bin/env bash
# Runs every test of Teos on a fresh machine: installs what the machine lacks, builds, runs all test projects
# and ends with one summary line "tests: N passed, M failed". Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# libsecp256k1 is what the native signing engine loads (the managed engine is the fallback).
if ! ldconfig -p | grep -q 'libsecp256k1\.so\.1'; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsecp256k1-1
fi

# The PostgreSQL tests start a throwaway server from these binaries (and, as root, run it as user postgres).
if [ -z "${TEOS_PG_BIN:-}" ] && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Teos.sln --logger "console;verbosity=minimal" 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, ..." line per test assembly.
read -r passed failed < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\),.*/\2 \1/p' "$log" \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
