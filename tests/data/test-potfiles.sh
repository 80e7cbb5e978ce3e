#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# po/POTFILES.in lists exactly the files with strings for translators: C
# sources and headers that mark strings (_() N_() C_() NC_() g_dngettext() ngettext()),
# .ui files with translatable="yes", and the desktop integration files. A
# file missing from it would silently stay English in every language.
#
# usage: test-potfiles.sh SOURCE_ROOT
set -u
cd "$1" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

{
  ls data/*.desktop.in data/*.gschema.xml data/*.metainfo.xml.in data/*.mime.xml.in
  find src \( -name '*.c' -o -name '*.h' \) -exec grep -lE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext) ?\(' {} +
  find ui -name '*.ui' -exec grep -l 'translatable="yes"' {} +
} | LC_ALL=C sort > "$tmp/expected"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/POTFILES.in | LC_ALL=C sort > "$tmp/listed"

status=0
missing=$(comm -13 "$tmp/listed" "$tmp/expected")
stale=$(comm -23 "$tmp/listed" "$tmp/expected")
if [ -n "$missing" ]; then
  echo "FAIL: files with translatable strings missing from po/POTFILES.in:"
  echo "$missing"
  status=1
fi
if [ -n "$stale" ]; then
  echo "FAIL: po/POTFILES.in lists files without translatable strings (or that do not exist):"
  echo "$stale"
  status=1
fi
[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists the $(wc -l < "$tmp/expected") files with translatable strings"
exit $status
