#!/bin/sh
# Run a crawler worker with a spool of its own in a volume that several workers share:
#   spool-slot newscrawler crawl /srv/newscrawler/sites.yaml ...
# Takes the first free slot STATE_ROOT/worker-N (an flock on its .slot.lock, held by the crawl
# until it ends, `kill -9` included), sets NEWSCRAWLER_STATE_DIR to it and runs the command.
# A worker that was killed leaves its spool in its slot; the next worker to take that slot
# uploads it first, whatever its container. Exit 75 when every slot is taken.
set -eu
root=${NEWSCRAWLER_SLOT_ROOT:-/srv/newscrawler/state}
slots=${NEWSCRAWLER_SLOTS:-64}
n=1
while [ "$n" -le "$slots" ]; do
  dir="$root/worker-$n"
  mkdir -p "$dir"
  exec 9>"$dir/.slot.lock"
  if flock -n 9; then
    export NEWSCRAWLER_STATE_DIR="$dir"
    exec "$@"
  fi
  n=$((n + 1))
done
echo "newscrawler: all $slots spool slots under $root are taken; not starting" >&2
exit 75
