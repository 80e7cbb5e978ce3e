#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Catch user-visible strings that were not marked for translation.

A string literal is reported when it reaches a person through one of the
calls below (error messages, stderr, labels, titles, option help) without
passing through _(), N_(), C_(), ngettext() or g_dngettext() first, and
holds a word (three letters or more outside printf conversions). Text
that is for machines goes through other calls (g_strdup_printf,
g_string_append, json-c), so it is not looked at here; a string that is
deliberately English carries a comment with "untranslated" on its line.

usage: test-unmarked.py SOURCE_ROOT
"""
import os
import re
import sys

USER_FACING = {
    "g_set_error", "g_set_error_literal", "g_prefix_error", "g_error_new",
    "g_error_new_literal", "g_propagate_prefixed_error", "g_printerr", "g_print",
    "fprintf", "g_fprintf", "fputs", "puts", "g_warning", "g_message",
    "g_option_context_new", "g_option_context_set_summary",
    "g_option_context_set_description", "gtk_label_set_text", "gtk_label_set_label",
    "gtk_label_new", "gtk_window_set_title", "gtk_button_set_label",
    "gtk_widget_set_tooltip_text", "gtk_button_new_with_label",
    "gtk_button_new_with_mnemonic", "gtk_check_button_new_with_label",
    "gtk_file_filter_set_name", "gtk_alert_dialog_new", "gtk_message_dialog_new",
    "gtk_message_dialog_format_secondary_text", "gtk_editable_set_text",
    "gtk_entry_set_placeholder_text", "g_menu_append", "g_menu_item_new",
    "g_notification_new", "g_notification_set_body", "g_notification_add_button",
    "gtk_dialog_add_button", "gtk_file_chooser_native_new",
}
MARKERS = {"_", "N_", "C_", "NC_", "ngettext", "g_dngettext", "g_dpgettext2",
           "g_dgettext", "gettext", "dgettext", "dngettext", "g_dpgettext"}

TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])+')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<newline>\n)
''', re.S | re.X)
CONVERSION = re.compile(r'%[-+ #0-9.*$]*(?:hh|h|ll|l|z|j|t|L)?[a-zA-Z%]')
WORD = re.compile(r'[A-Za-z]{3,}')


def unmarked_literals(text):
    """Return (line, literal) for user-facing literals outside the markers."""
    found = []
    line = 1
    last_ident = None
    stack = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "comment":
            line += value.count("\n")
            last_ident = None
        elif kind == "newline":
            line += 1
        elif kind == "ident":
            last_ident = value
        elif kind == "open":
            stack.append(last_ident)
            last_ident = None
        elif kind == "close":
            if stack:
                stack.pop()
            last_ident = None
        elif kind == "string":
            last_ident = None
            if not any(name in USER_FACING for name in stack):
                continue
            if any(name in MARKERS for name in stack):
                continue
            words = CONVERSION.sub("", value[1:-1].replace("\\n", " "))
            if WORD.search(words):
                found.append((line, value))
        else:
            last_ident = None
    return found


def main():
    root = sys.argv[1]
    problems = []
    for top in ("src/core", "src/cli", "src/emulator", "src/app"):
        for directory, _dirs, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith(".c"):
                    continue
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as source:
                    text = source.read()
                lines = text.split("\n")
                for number, literal in unmarked_literals(text):
                    if "untranslated" in lines[number - 1]:
                        continue
                    problems.append(f"{os.path.relpath(path, root)}:{number}: {literal}")
    if problems:
        print("FAIL: user-visible strings not marked for translation "
              "(wrap them in _() or N_(), or say why they stay English "
              "in a comment with 'untranslated' on the same line):")
        print("\n".join(problems))
        return 1
    print("ok: every message, label and option help in src/ is marked for translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
