#!/usr/bin/env bash
# Start-up time: from exec of the daemon (Release, framework-dependent) to the first /health 200,
# on a fresh data directory each run. Usage: bench/scripts/startup-time.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
dotnet publish src/Evse.Host -c Release -o /tmp/evse-startup-publish --nologo -v quiet >/dev/null
port=18080
times=()
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  dotnet /tmp/evse-startup-publish/evsed.dll --urls "http://127.0.0.1:$port" --Storage:DataDirectory "$data" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "daemon exited"; exit 1; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  rm -rf "$data"
  times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "start-up to /health 200 over $runs runs (ms): $(echo $sorted | tr '\n' ' ')"
echo "median: $(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms"
