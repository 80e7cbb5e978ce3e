#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for stranded-cli, driven the way bash drives it: COMP_WORDS
# and COMP_CWORD set, the completion function called, COMPREPLY checked.
#
# usage: test-completion.sh COMPLETION_FILE STRANDED_CLI
set -u

completion_file=$1
cli=$2
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# shellcheck source=/dev/null
source "$completion_file"

if [ "$(complete -p stranded-cli)" != "complete -F _stranded_cli stranded-cli" ]; then
  echo "FAIL: stranded-cli is not bound to _stranded_cli: $(complete -p stranded-cli 2>&1)"
  failures=$((failures + 1))
fi

# complete WORD... : the words typed so far, the last one being completed.
complete_words ()
{
  COMP_WORDS=("$cli" "$@")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _stranded_cli
  printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

# expect "EXPECTED" WORD... : the sorted completions are exactly EXPECTED.
expect ()
{
  local expected=$1 got
  shift
  got=$(complete_words "$@")
  if [ "$got" = "$expected" ]; then
    echo "ok: [$*] -> $got"
  else
    echo "FAIL: [$*] -> '$got', expected '$expected'"
    failures=$((failures + 1))
  fi
}

# expect_includes "WORD..." WORD... : each expected word is among the completions.
expect_includes ()
{
  local expected=$1 got word
  shift
  got=" $(complete_words "$@") "
  for word in $expected; do
    if [[ "$got" != *" $word "* ]]; then
      echo "FAIL: [$*] -> '$got' lacks '$word'"
      failures=$((failures + 1))
      return
    fi
  done
  echo "ok: [$*] includes $expected"
}

expect_includes "new info machines check catches export import instructions send ports jobs --help --version" ""
expect "machines" ma
expect "--machine=" new --mach
expect "--rows-per-10cm= --rows=" new --rows
expect "sentro-22 sentro-40 sentro-48" new --machine sen
expect "sentro-40 sentro-48" new -m sentro-4
# "--machine=addi" reaches the function as "--machine" "=" "addi".
expect "addi-22 addi-46" new --machine = addi
expect_includes "addi-22 brother-kh9xx csm-60 custom kniterate sentro-48" new --machine ""
# -m is --machine for export but --mode for send.
expect "kniterate" export -m kn
expect "circular-ribber" send -m ci
expect "ayab circular" send --protocol ""
expect "png png-stitches" export --format = png
expect "letter" export --paper l
expect "auto" import --max-float ""
expect "--resume" send --res
# Numbers have nothing to complete.
expect "" new --rows ""
expect "" new -r = ""
# Pattern files and output paths complete as file names.
mkdir "$tmp/patterns"
touch "$tmp/patterns/hat.stranded" "$tmp/patterns/sock.stranded"
expect "$tmp/patterns/hat.stranded" info "$tmp/patterns/h"
expect "$tmp/patterns/hat.stranded $tmp/patterns/sock.stranded" info "$tmp/patterns/"
expect "$tmp/patterns/sock.stranded" new -o "$tmp/patterns/s"
expect "$tmp/patterns/sock.stranded" new --output = "$tmp/patterns/s"

[ "$failures" -eq 0 ]
