#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The German and French translations reach the user: stranded-cli speaks
# the language named by LANGUAGE (with the C.UTF-8 locale the tests use,
# so no generated locales are needed), the desktop entry, metainfo and MIME
# type carry the translated texts, and each catalogue is valid and
# complete (no untranslated or fuzzy messages).
#
# usage: test-translation.sh STRANDED_CLI PO_BUILD_DIR PO_SOURCE_DIR DESKTOP METAINFO MIME_XML EMULATOR
set -u

cli=$1
catalogues=$2
po_dir=$3
desktop=$4
metainfo=$5
mime=$6
emulator=$7
sample="$po_dir/../data/samples/sample-hat.stranded"
failures=0

fail ()
{
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# expect_line LANGUAGE LINE: `stranded-cli --help` prints LINE exactly
# (LINE may hold octal escapes: French puts a no-break space, \302\240,
# before a colon).
expect_line ()
{
  line=$(printf '%b' "$2")
  if LANGUAGE=$1 LC_ALL=C.UTF-8 STRANDED_LOCALEDIR="$catalogues" "$cli" --help | grep -qxF -- "$line"; then
    echo "ok: LANGUAGE=$1 stranded-cli --help prints '$line'"
  else
    LANGUAGE=$1 LC_ALL=C.UTF-8 STRANDED_LOCALEDIR="$catalogues" "$cli" --help
    fail "LANGUAGE=$1 stranded-cli --help does not print '$line'"
  fi
}

expect_line de "Befehle:"
expect_line de "  check         Spannfäden, Risiko von Fallmaschen und Garnverbrauch prüfen"
expect_line fr "Commandes\\0302\\0240:"
expect_line fr "  check         vérifier les flottés, les risques de mailles tombées et la consommation de fil"
# Without LANGUAGE the C locale keeps English, and the usage error is translated too.
expect_line "" "Commands:"
if LANGUAGE=de LC_ALL=C.UTF-8 STRANDED_LOCALEDIR="$catalogues" "$cli" stricken 2>&1 >/dev/null \
     | grep -qxF "stranded-cli: »stricken« ist kein Befehl"; then
  echo "ok: the unknown-command error is in German"
else
  fail "the unknown-command error is not in German"
fi

# expect_output LANGUAGE TEXT COMMAND...: COMMAND's stdout and stderr hold
# TEXT (a fixed string) when run in LANGUAGE.
expect_output ()
{
  language=$1
  text=$(printf '%b' "$2")
  shift 2
  if LANGUAGE=$language LC_ALL=C.UTF-8 STRANDED_LOCALEDIR="$catalogues" "$@" 2>&1 | grep -qF -- "$text"; then
    echo "ok: LANGUAGE=$language $(basename "$1") $2 ... says '$text'"
  else
    LANGUAGE=$language LC_ALL=C.UTF-8 STRANDED_LOCALEDIR="$catalogues" "$@" 2>&1 | head -n 20
    fail "LANGUAGE=$language $* does not say '$text'"
  fi
}

# The core's messages come through too, whichever program shows them: a
# finding of the checker, the written instructions, a machine profile's
# name, a load error, and the emulator's own help.
expect_output de "Garn B (Cranberry) bildet einen Spannfaden über 5 Maschen" "$cli" check "$sample"
expect_output fr "Le fil B (Cranberry) flotte sur 5 mailles" "$cli" check "$sample"
expect_output de "Runde 13: 48 B; Wechsel zu B an Nadel 1" "$cli" instructions "$sample"
expect_output fr "Tour 13\0302\0240: 48 B" "$cli" instructions "$sample"
expect_output de "Sentro mit 48 Nadeln" "$cli" machines
expect_output de "sentro-48.json: format: fehlt" "$cli" info "$po_dir/../data/profiles/sentro-48.json"
expect_output de "eine virtuelle Strickmaschine an einem Pseudo-Terminal" "$emulator" --help
expect_output fr "une machine à tricoter virtuelle sur un pseudo-terminal" "$emulator" --help

# A knitout file is the same in every language (src/core/export/EXPORTS.md).
knitout_c=$(LANGUAGE=C LC_ALL=C.UTF-8 "$cli" export -f knitout "$sample" 2>/dev/null)
knitout_de=$(LANGUAGE=de LC_ALL=C.UTF-8 STRANDED_LOCALEDIR="$catalogues" "$cli" export -f knitout "$sample" 2>/dev/null)
if [ -n "$knitout_c" ] && [ "$knitout_c" = "$knitout_de" ]; then
  echo "ok: the knitout export is byte for byte the same in German"
else
  fail "the knitout export differs in German"
fi

# Desktop entry, metainfo and MIME type, merged at build time.
for line in "Comment[de]=Einstrickmuster mit Spannfäden für Rundstrickmaschinen entwerfen" \
            "Comment[fr]=Créer des motifs jacquard pour machines à tricoter circulaires" \
            "GenericName[de]=Einstrickmuster-Editor"; do
  grep -qxF "$line" "$desktop" && echo "ok: desktop entry has $line" || fail "desktop entry lacks $line"
done
grep -qF 'Keywords[fr]=tricot;' "$desktop" && echo "ok: desktop entry has French keywords" \
  || fail "desktop entry lacks French keywords"
grep -qF '<summary xml:lang="de">Einstrickmuster für Rundstrickmaschinen entwerfen</summary>' "$metainfo" \
  && echo "ok: metainfo has the German summary" || fail "metainfo lacks the German summary"
grep -qF '<comment xml:lang="fr">Modèle jacquard Stranded</comment>' "$mime" \
  && echo "ok: MIME type has the French comment" || fail "MIME type lacks the French comment"

# The messages the sources mark today, extracted the way meson's glib
# preset does, so a catalogue that lags behind the code is caught here
# rather than by a German knitter.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$po_dir/POTFILES.in" > "$tmp/files"
if ! (cd "$po_dir/.." && xgettext --files-from="$tmp/files" --from-code=UTF-8 --add-comments \
        --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
        --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
        --output="$tmp/stranded.pot") 2> "$tmp/xgettext.log"; then
  cat "$tmp/xgettext.log"
  fail "xgettext cannot extract the messages listed in po/POTFILES.in"
fi
messages=$(grep -c '^msgid ' "$tmp/stranded.pot")

# Every catalogue named in LINGUAS is valid, complete and current.
for lang in $(sed 's/#.*//' "$po_dir/LINGUAS"); do
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po_dir/$lang.po" 2>&1)
  case "$stats" in
    *untranslated*|*fuzzy*) fail "$lang.po: $stats" ;;
    *" translated message"*) echo "ok: $lang.po: $stats" ;;
    *) fail "$lang.po does not check: $stats" ;;
  esac
  if LC_ALL=C msgcmp "$po_dir/$lang.po" "$tmp/stranded.pot" > "$tmp/msgcmp.log" 2>&1; then
    echo "ok: $lang.po translates all $((messages - 1)) messages the sources mark"
  else
    head -n 20 "$tmp/msgcmp.log"
    fail "$lang.po lacks messages the sources mark (run: meson compile -C build stranded-update-po)"
  fi
done

[ "$failures" -eq 0 ]
