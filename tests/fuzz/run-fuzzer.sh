#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run-fuzzer.sh FUZZER SEEDS WORKDIR SECONDS: a bounded libFuzzer run. New
# inputs go to WORKDIR, never into the source tree; a crash fails the test
# and leaves its reproducer in WORKDIR.
set -eu
fuzzer=$(realpath "$1") seeds=$(realpath "$2") work=$3 seconds=$4
mkdir -p "$work/corpus"
work=$(realpath "$work")
# Undefined behaviour is a finding too, not a message to scroll past.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd "$work"
exec "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 "$work/corpus" "$seeds"
