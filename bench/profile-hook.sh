#!/usr/bin/env bash
# CPU per request by package under the peer harness's `hook` load (../shared/peer-bench, see its README): the same
# webhook → JSONata → template → JSONata → JSON reply through bare Hono, Node-RED and Zhiliu (built: npm run build).
# Each server runs with bench/profile-on-request.mjs preloaded; the harness's first measured run (50 connections,
# 10 s, after its warm-up) is profiled, and bench/cpu-by-package.ts sums the profile's self time by package.
# usage, from the project root: bash bench/profile-hook.sh [hono|nodered|zhiliu ...]
# env: PEER_BENCH (default ../shared/peer-bench), PROFILE_DIR (default artifacts/profiles)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEER="${PEER_BENCH:-$ROOT/../shared/peer-bench}"
OUT="${PROFILE_DIR:-$ROOT/artifacts/profiles}"
SYSTEMS=("$@"); [ ${#SYSTEMS[@]} -eq 0 ] && SYSTEMS=(hono nodered zhiliu)
mkdir -p "$OUT/results"
NODE_PROFILED="$OUT/node-profiled"
printf '#!/bin/sh\nexec node --import %q "$@"\n' "$ROOT/bench/profile-on-request.mjs" > "$NODE_PROFILED"
chmod +x "$NODE_PROFILED"
port() { echo $((20000 + RANDOM % 20000)); }

for system in "${SYSTEMS[@]}"; do
  export PROFILE_OUT="$OUT/$system.cpuprofile" PROFILE_CONTROL="$OUT/$system.control" RESULTS_DIR="$OUT/results"
  rm -f "$PROFILE_OUT" "$PROFILE_CONTROL"
  case "$system" in
    hono) label=hono; run=(env NODE_BIN="$NODE_PROFILED" HONO_PORT="$(port)" bash "$PEER/bench-hono.sh") ;;
    nodered) label=node-red; run=(env NODE_BIN="$NODE_PROFILED" NODERED_PORT="$(port)" bash "$PEER/bench-nodered.sh" hook) ;;
    zhiliu) label=zhiliu; run=(env ZHILIU_SERVER_CMD="$NODE_PROFILED $ROOT/apps/server/bin/zhiliu-server.mjs" \
      ZHILIU_PORT="$(port)" ZHILIU_DIR="$ROOT" bash "$PEER/bench-zhiliu.sh" "${SCENARIO:-hook}") ;;
    *) echo "unknown system $system" >&2; exit 2 ;;
  esac
  # The harness logs "<tag>: run N (" just before each measured run: profile run 1, from its start to run 2's.
  "${run[@]}" 2>&1 | while IFS= read -r line; do
    echo "$line" >&2
    case "$line" in
      *": run 1 ("*) echo start > "$PROFILE_CONTROL" ;;
      *": run 2 ("*) echo stop > "$PROFILE_CONTROL" ;;
    esac
  done
  # PROFILE_KIND=heap (see profile-on-request.mjs): an allocation profile, to read with DevTools' Memory tab.
  [ "${PROFILE_KIND:-}" = heap ] && { echo "## $system: allocations sampled in $PROFILE_OUT"; continue; }
  # CPU per request as the harness measured it from /proc in run 2 (not profiled), shared out by run 1's profile.
  measured=$(grep "\"system\":\"$label\"" "$OUT/results/results.jsonl" | grep '"run":2' | tail -1)
  echo "## $system: $measured"
  cpu=$(node -p "JSON.parse(process.argv[1]).cpuMsPerReq" "$measured")
  (cd "$ROOT" && npx tsx bench/cpu-by-package.ts "$PROFILE_OUT" "$cpu")
done
