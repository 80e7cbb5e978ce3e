#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's first command starts build/src/app/stranded straight from the
# build tree, where no GSettings schema is installed. The app must find the
# schema compiled beside it and open its window on the sample pattern
# rather than abort in GIO.
#
# usage: test-start-build-tree.sh STRANDED
set -u
stranded=$1

if [ -z "${DISPLAY:-}" ]; then
  echo "no display; run it under xvfb-run"
  exit 77
fi

tmp=$(mktemp -d)
log="$tmp/stderr"
# No schema on the standard paths: an empty data dir and no override.
env -u GSETTINGS_SCHEMA_DIR XDG_DATA_DIRS="$tmp/empty" XDG_CONFIG_HOME="$tmp/config" \
  XDG_DATA_HOME="$tmp/data" GSETTINGS_BACKEND=memory "$stranded" 2> "$log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

for _ in $(seq 1 100); do
  if ! kill -0 $pid 2>/dev/null; then
    wait $pid
    echo "FAIL: stranded exited with status $? before showing a window:"
    cat "$log"
    exit 1
  fi
  if xwininfo -root -tree 2>/dev/null | grep -q '"Fair Isle band hat — Stranded"'; then
    echo "ok: stranded started from the build tree and shows the sample pattern"
    exit 0
  fi
  sleep 0.2
done
echo "FAIL: no window titled 'Fair Isle band hat — Stranded' after 20 s:"
cat "$log"
exit 1
