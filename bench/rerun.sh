#!/usr/bin/env bash
# Reruns benchmark classes the way the figures of record in docs/benchmarks.md were taken (run it on an idle machine;
# `dotnet build-server shutdown` first so no compiler server competes). Usage, from anywhere:
#   bash bench/rerun.sh selection features gram rowblock gain-kernel
# Logs go to bench/BenchmarkDotNet.Artifacts/rerun/<class>.log; the summary tables are at their ends.
set -u
cd "$(dirname "$0")/.."
out=bench/BenchmarkDotNet.Artifacts/rerun
mkdir -p "$out"
dotnet build-server shutdown > /dev/null 2>&1
dotnet build bench -c Release 2>&1 | tail -1
B="dotnet bench/bin/Release/net10.0/FastCoverage.Bench.dll"
SHORT="--warmupCount 2 --iterationCount 7 --launchCount 1"
LONG="--warmupCount 1 --iterationCount 3 --launchCount 1 --invocationCount 1 --unrollFactor 1"
run() { name=$1; shift; echo "$(date +%T) start $name (load $(cut -d' ' -f1 /proc/loadavg))"; $B --filter "$@" > "$out/$name.log" 2>&1; echo "$(date +%T) end $name"; }
for what in "$@"; do
  case $what in
    selection) run selection '*.SelectionBenchmarks.*' $SHORT ;;
    features) run selection-features '*SelectionFeatureBenchmarks*' $LONG ;;
    gram) run gram '*.GramBenchmarks.*' ;;
    rowblock) run rowblock '*GramRowBlockBenchmarks*' $SHORT ;;
    gain-kernel) run gain-kernel '*SelectionGainKernelBenchmarks*' $SHORT ;;
    *) echo "unknown class '$what' (selection, features, gram, rowblock, gain-kernel)" >&2; exit 2 ;;
  esac
done
echo "$(date +%T) all done"
