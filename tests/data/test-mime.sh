#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The shared-mime-info package for application/x-stranded: registers with
# update-mime-database, and GIO then recognises patterns by their name
# (*.stranded) and by their content (the "stranded-pattern" magic), while
# other JSON keeps its own type.
#
# usage: test-mime.sh MIME_XML SAMPLE_PATTERN
set -eu

mime_xml=$1
sample=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0

mkdir -p "$tmp/share/mime/packages" "$tmp/home"
cp "$mime_xml" "$tmp/share/mime/packages/io.github.stranded.Stranded.xml"
# update-mime-database exits 0 on some problems but reports them on stderr.
XDG_DATA_HOME="$tmp/home" XDG_DATA_DIRS="$tmp/share:/usr/share" \
  update-mime-database "$tmp/share/mime" 2>"$tmp/update.err"
if [ -s "$tmp/update.err" ]; then
  echo "FAIL: update-mime-database complained:"; cat "$tmp/update.err"
  failures=$((failures + 1))
fi

cp "$sample" "$tmp/hat.stranded"
cp "$sample" "$tmp/hat-without-extension"
printf '{ "format": "stranded-pattern", "version": 1 }\n' > "$tmp/minimal"
printf '{ "name": "not a pattern", "rows": 3 }\n' > "$tmp/other.json"
printf '{ "name": "not a pattern" }\n' > "$tmp/other-without-extension"

expect ()
{
  got=$(XDG_DATA_HOME="$tmp/home" XDG_DATA_DIRS="$tmp/share:/usr/share" \
        gio info -a standard::content-type "$tmp/$1" | sed -n 's/^ *standard::content-type: //p')
  if [ "$got" = "$2" ]; then
    echo "ok: $1 is $2"
  else
    echo "FAIL: $1 is '$got', expected $2"
    failures=$((failures + 1))
  fi
}

expect hat.stranded application/x-stranded
expect hat-without-extension application/x-stranded
expect minimal application/x-stranded
expect other.json application/json
# Without a name to go by, JSON that is not a pattern is plain text to GIO.
expect other-without-extension text/plain

# The type is a kind of JSON, so tools that take JSON accept it.
if grep -q 'sub-class-of type="application/json"' "$tmp/share/mime/application/x-stranded.xml"; then
  echo "ok: application/x-stranded is a subclass of application/json"
else
  echo "FAIL: application/x-stranded is not registered as a subclass of application/json"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ]
