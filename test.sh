#!/usr/bin/env bash
# Runs the whole test suite. Installs the native libraries the tests need where they are missing
# (COIN-OR CLP for the CDVM LP), as root or through sudo, then runs every test in the solution.
set -euo pipefail
cd "$(dirname "$0")"

need_packages=()
[ -e /usr/lib/x86_64-linux-gnu/libClp.so.1 ] || ldconfig -p 2>/dev/null | grep -q 'libClp\.so\.1' || need_packages+=(coinor-libclp1)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_packages[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test FastCoverage.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line for CI: "tests: N passed, N failed" (summed over test assemblies).
awk '/^ *Passed: +[0-9]+ *$/ { p += $2 } /^ *Failed: +[0-9]+ *$/ { f += $2 }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit $status
