#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson install` into a staging directory gives a working installation:
# every expected file is there, the installed programs run, the schema
# compiles and has its defaults, the MIME type leads to the app, and the
# installed app starts and maps its window under Xvfb.
#
# usage: test-install.sh MESON BUILD_ROOT PREFIX VERSION APP(true|false) RELATIVE_FILE...
# RELATIVE_FILE paths are relative to PREFIX; binaries are bin/NAME.
set -u

meson=$1
build_root=$2
prefix=$3
version=$4
app=$5
shift 5
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

fail ()
{
  echo "FAIL: $*"
  failures=$((failures + 1))
}

ok ()
{
  echo "ok: $*"
}

if ! "$meson" install -C "$build_root" --no-rebuild --quiet --destdir "$tmp/stage" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"
  echo "FAIL: meson install failed"
  exit 1
fi
root="$tmp/stage$prefix"

for f in "$@"; do
  if [ -s "$root/$f" ]; then
    ok "installed $f"
  else
    fail "$f was not installed (looked in $root)"
  fi
done

# The installed command-line programs run, with their data embedded.
out=$("$root/bin/stranded-cli" --version 2>&1)
[ "$out" = "stranded-cli $version" ] && ok "stranded-cli --version: $out" \
  || fail "stranded-cli --version printed '$out', expected 'stranded-cli $version'"
if "$root/bin/stranded-cli" machines 2>&1 | grep -q '^sentro-48  *48 '; then
  ok "installed stranded-cli lists the sentro-48 profile"
else
  fail "installed stranded-cli machines does not list sentro-48"
fi
if "$root/bin/stranded-cli" new --machine sentro-48 --rows 3 -o "$tmp/new.stranded" \
   && "$root/bin/stranded-cli" info "$tmp/new.stranded" | grep -q '^Rounds: *3$'; then
  ok "installed stranded-cli creates and reads a pattern"
else
  fail "installed stranded-cli could not create and read back a pattern"
fi

# The installed German catalogue is the one stranded-cli reads.
if LANGUAGE=de LC_ALL=C.UTF-8 STRANDED_LOCALEDIR="$root/share/locale" "$root/bin/stranded-cli" --help \
     | grep -qxF "Befehle:"; then
  ok "installed stranded-cli speaks German with the installed catalogue"
else
  fail "installed stranded-cli does not speak German with the installed catalogue"
fi

# The installed emulator opens a port and reports it.
"$root/bin/stranded-emulator" --protocol circular --needles 48 --timeout 5 >"$tmp/emulator.out" 2>&1 &
emulator=$!
i=0
while [ $i -lt 50 ] && ! grep -q '^/dev/' "$tmp/emulator.out"; do sleep 0.1; i=$((i + 1)); done
if grep -q '^/dev/pts/' "$tmp/emulator.out"; then
  ok "installed stranded-emulator opened $(head -n 1 "$tmp/emulator.out")"
else
  cat "$tmp/emulator.out"
  fail "installed stranded-emulator printed no pseudo-terminal"
fi
kill $emulator 2>/dev/null
wait $emulator 2>/dev/null

# Man pages are roff with the right title.
for page in "$@"; do
  case "$page" in
    */man1/*.1)
      name=$(basename "$page" .1)
      head -n 20 "$root/$page" | grep -q "^\.TH \"$name\" \"1\"" \
        && ok "$page is a man page for $name(1)" || fail "$page has no .TH \"$name\" \"1\" header" ;;
  esac
done

# bash completion is found by name and binds the command.
completion=""
for f in "$@"; do
  case "$f" in */bash-completion/completions/stranded-cli) completion="$root/$f" ;; esac
done
if [ -s "$completion" ] \
   && [ "$(bash -c ". '$completion'; complete -p stranded-cli")" = "complete -F _stranded_cli stranded-cli" ]; then
  ok "bash completion binds stranded-cli"
else
  fail "bash completion for stranded-cli missing or not bound"
fi

# The schema compiles where it was installed and has its defaults.
schemas="$root/share/glib-2.0/schemas"
if glib-compile-schemas --strict "$schemas"; then
  got=$(GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory \
        gsettings get io.github.stranded.Stranded default-machine)
  [ "$got" = "'sentro-48'" ] && ok "default-machine defaults to $got" \
    || fail "default-machine is $got, expected 'sentro-48'"
  got=$(GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory \
        gsettings range io.github.stranded.Stranded grid-style | tr '\n' ' ')
  [ "$got" = "enum 'plain' 'stitches' " ] && ok "grid-style is one of plain, stitches" \
    || fail "grid-style range is '$got'"
else
  fail "installed schema does not compile"
fi

# The MIME database built from the installed package knows .stranded
# files, including the installed sample.
export XDG_DATA_DIRS="$root/share:/usr/share"
export XDG_DATA_HOME="$tmp/home"
mkdir -p "$XDG_DATA_HOME"
update-mime-database "$root/share/mime" 2>/dev/null
got=$(gio info -a standard::content-type "$root/share/stranded/samples/sample-hat.stranded" \
      | sed -n 's/^ *standard::content-type: //p')
[ "$got" = "application/x-stranded" ] && ok "the installed sample is application/x-stranded" \
  || fail "the installed sample is '$got', expected application/x-stranded"

if [ "$app" = true ]; then
  for tool in xvfb-run:xvfb dbus-run-session:dbus-daemon xwininfo:x11-utils; do
    if ! command -v "${tool%%:*}" >/dev/null; then
      fail "${tool%%:*} is missing: install the Debian package ${tool#*:}"
    fi
  done

  # .stranded files open with the installed app once the desktop database
  # is updated, as the system's trigger does (its TryExec must be found).
  update-desktop-database "$root/share/applications"
  if PATH="$root/bin:$PATH" gio mime application/x-stranded \
       | grep -q 'Default application for .*application/x-stranded.*: io.github.stranded.Stranded.desktop'; then
    ok ".stranded files open with io.github.stranded.Stranded.desktop"
  else
    PATH="$root/bin:$PATH" gio mime application/x-stranded
    fail ".stranded files do not open with the installed app"
  fi

  # The installed app starts on its own data and maps its window, showing
  # the embedded sample hat. A private session bus and X server keep it
  # apart from anything else running.
  cat > "$tmp/start-app.sh" <<'SCRIPT'
#!/bin/sh
"$1" >"$2" 2>&1 &
pid=$!
i=0
while [ $i -lt 150 ]; do
  if ! kill -0 $pid 2>/dev/null; then
    echo "the app exited early"; exit 1
  fi
  # The main window, titled with the sample pattern it opens on (GDK's
  # 1x1 leader window also carries the class, so the class is not enough).
  if xwininfo -root -tree 2>/dev/null | grep -q '"Fair Isle band hat[^"]*": ("stranded" '; then
    kill $pid; wait $pid 2>/dev/null
    echo "window mapped after $((i * 2 / 10)).$((i * 2 % 10)) s"; exit 0
  fi
  sleep 0.2
  i=$((i + 1))
done
kill $pid
echo "no window after 30 s"; exit 1
SCRIPT
  if result=$(GSETTINGS_SCHEMA_DIR="$schemas" G_DEBUG=fatal-criticals GTK_A11Y=none \
              dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
              sh "$tmp/start-app.sh" "$root/bin/stranded" "$tmp/app.log"); then
    ok "the installed app started: $result"
  else
    cat "$tmp/app.log"
    fail "the installed app did not start: $result"
  fi
fi

[ "$failures" -eq 0 ]
