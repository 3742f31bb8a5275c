#!/usr/bin/env bash
# Extract the Danish source strings into dialogportal/locale/en/LC_MESSAGES/django.po and compile
# the .mo files that are committed (so no gettext tools are needed to run Dialogportal).
# Needs GNU gettext (Debian: gettext). Fill in new msgstr entries in English, then run again.
set -euo pipefail
cd "$(dirname "$0")/../dialogportal"
export SECRET_KEY=translations-only
uv run django-admin makemessages --settings=dialogportal.settings -l en --no-obsolete \
  --ignore "static/*" --ignore "*/static/*" --ignore "textanalysis/*" --ignore "screening/*" \
  --ignore "statbank/*" --ignore "documents/*"
uv run django-admin compilemessages --settings=dialogportal.settings -l en
untranslated=$(msgattrib --untranslated locale/en/LC_MESSAGES/django.po | grep -c '^msgid ' || true)
echo "untranslated entries: $untranslated"
