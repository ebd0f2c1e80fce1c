#!/usr/bin/env bash
# Run one scheduled crawl: refuses to overlap a running one, bounds its time, keeps its log.
#   deploy/run-crawl.sh SITES.yaml [extra scrapy args...]
# Environment: NEWSCRAWLER_HOME (the checkout, default: this script's repo), NEWSCRAWLER_LOG_DIR
# (default $NEWSCRAWLER_HOME/logs), NEWSCRAWLER_MAX_RUNTIME (seconds, default 3300), plus the
# crawler's own (ARCHIVE_URI, AWS_*, NEWSCRAWLER_STATE_DIR).
set -euo pipefail
home=${NEWSCRAWLER_HOME:-$(cd "$(dirname "$0")/.." && pwd)}
sites=${1:?usage: run-crawl.sh SITES.yaml [scrapy args...]}
shift
log_dir=${NEWSCRAWLER_LOG_DIR:-$home/logs}
mkdir -p "$log_dir"
lock="$log_dir/.crawl.lock"
exec 9>"$lock"
if ! flock -n 9; then
  echo "newscrawler: another crawl is still running (lock $lock); not starting" >&2
  exit 75
fi
log="$log_dir/crawl-$(date -u +%Y%m%dT%H%M%SZ).log"
cd "$home"
status=0
timeout --signal=INT --kill-after=120 "${NEWSCRAWLER_MAX_RUNTIME:-3300}" \
  "$home/.venv/bin/scrapy" crawl news -a "sites=$sites" --logfile "$log" "$@" || status=$?
echo "newscrawler: crawl finished with status $status; log: $log"
exit "$status"
