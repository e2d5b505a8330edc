#!/bin/sh
# Every user-visible string has its translation: the template made from
# po/POTFILES.in (as `ninja dcadesk-pot` makes it), merged into po/LANG.po,
# leaves nothing untranslated or fuzzy.  Usage: check-po-complete.sh SRCDIR LANG
set -eu
src=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
xgettext --package-name=dcadesk --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_set_error:4:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  -f po/POTFILES.in -o "$tmp/template.pot"
msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/template.pot" -o "$tmp/merged.po"
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
case "$stats" in
  *fuzzy*|*untranslated*)
    echo "po/$lang.po: $stats" >&2
    msgattrib --untranslated --no-obsolete --no-wrap --no-location "$tmp/merged.po" | grep '^msgid ' | tail -n +2 | head -50 >&2
    msgattrib --only-fuzzy --no-obsolete --no-wrap --no-location "$tmp/merged.po" | grep '^msgid ' | head -50 >&2
    exit 1
    ;;
esac
echo "po/$lang.po: $stats"
