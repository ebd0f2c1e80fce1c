#!/usr/bin/env bash
# Run one scheduled crawl: refuses to overlap a running one, bounds its time, keeps its log.
#   deploy/run-crawl.sh SITES.yaml [extra scrapy args...]
# Environment: NEWSCRAWLER_HOME (the checkout, default: this script's repo), NEWSCRAWLER_LOG_DIR
# (default $NEWSCRAWLER_HOME/logs), NEWSCRAWLER_LOG_DAYS (logs kept, default 30),
# NEWSCRAWLER_MAX_RUNTIME (seconds, default 3300), NEWSCRAWLER_PYTHON (default
# $NEWSCRAWLER_HOME/.venv/bin/python), plus the crawler's own (ARCHIVE_URI, AWS_*,
# NEWSCRAWLER_STATE_DIR, NEWSCRAWLER_METRICS_FILE).
# Exit status: the crawl's (0 ok, 2 configuration, 3 archive unusable, 4 uploads pending,
# 5 a site stopped yielding, 6 another crawl on the archive, 7 the metrics file or a feed export
# not written), 75 when another run holds the lock, 124 when the run hit the limit.
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
find "$log_dir" -name 'crawl-*.log' -mtime "+${NEWSCRAWLER_LOG_DAYS:-30}" -delete 2>/dev/null || true
cd "$home"
status=0
timeout --signal=INT --kill-after=120 "${NEWSCRAWLER_MAX_RUNTIME:-3300}" \
  "${NEWSCRAWLER_PYTHON:-$home/.venv/bin/python}" -m scrapy crawl news -a "sites=$sites" \
  --logfile "$log" "$@" || status=$?
# The run's summary and problems, for cron's mail and the journal.
sed -n -E 's/^.*INFO: (run [0-9].*)$/\1/p; /^  (report|archive): /p' "$log" 2>/dev/null || true
# Every problem the run report names (sites, uploads, the metrics file, ...), as it logs them.
sed -n -E 's/^.*\[newscrawler\.extensions\.runreport\] ERROR: (.*)$/problem: \1/p' "$log" \
  2>/dev/null || true
echo "newscrawler: crawl finished with status $status; log: $log"
exit "$status"
