#!/usr/bin/env bash
# Refresh the front-end files the project serves itself (no CDN, no Node.js at run time).
# Needs npm only when run; the result is committed. Bump the versions here, run, review, commit.
set -euo pipefail
DKFDS_VERSION=11.2.0
HTMX_VERSION=2.0.4
AXE_VERSION=4.10.3

root=$(cd "$(dirname "$0")/.." && pwd)
vendor="$root/dialogportal/static/vendor"
axe_dir="$root/tests/browser/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "dkfds@$DKFDS_VERSION" "htmx.org@$HTMX_VERSION" "axe-core@$AXE_VERSION" >/dev/null
for f in *.tgz; do mkdir -p "${f%.tgz}"; tar xzf "$f" -C "${f%.tgz}"; done

dist="$work/dkfds-$DKFDS_VERSION/package/dist"
rm -rf "$vendor/dkfds" "$vendor/htmx"
mkdir -p "$vendor/dkfds/css" "$vendor/dkfds/js" "$vendor/dkfds/fonts/IBMPlexSans" "$vendor/htmx" "$axe_dir"
cp "$dist/css/dkfds.min.css" "$dist/css/dkfds.min.css.map" "$vendor/dkfds/css/"
cp "$dist/js/dkfds.min.js" "$dist/js/dkfds.min.js.map" "$vendor/dkfds/js/"
cp -r "$dist/img" "$vendor/dkfds/img"
# Only the font files the stylesheet refers to (woff2/woff, and the Regular eot/ttf fallbacks).
fonts="$vendor/dkfds/fonts/IBMPlexSans/complete"
mkdir -p "$fonts"
cp -r "$dist/fonts/IBMPlexSans/complete/woff" "$dist/fonts/IBMPlexSans/complete/woff2" "$fonts/"
mkdir -p "$fonts/eot" "$fonts/ttf"
cp "$dist/fonts/IBMPlexSans/complete/eot/IBMPlexSans-Regular.eot" "$fonts/eot/"
cp "$dist/fonts/IBMPlexSans/complete/ttf/IBMPlexSans-Regular.ttf" "$fonts/ttf/"
cp "$dist/LICENSE.md" "$vendor/dkfds/LICENSE.md"
cp "$dist/fonts/IBMPlexSans/split/woff/license.txt" "$vendor/dkfds/fonts/IBMPlexSans/license.txt"
echo "$DKFDS_VERSION" > "$vendor/dkfds/VERSION"

cp "$work/htmx.org-$HTMX_VERSION/package/dist/htmx.min.js" "$vendor/htmx/"
cp "$work/htmx.org-$HTMX_VERSION/package/LICENSE" "$vendor/htmx/LICENSE"
echo "$HTMX_VERSION" > "$vendor/htmx/VERSION"

cp "$work/axe-core-$AXE_VERSION/package/axe.min.js" "$axe_dir/"
cp "$work/axe-core-$AXE_VERSION/package/LICENSE" "$axe_dir/LICENSE"
echo "$AXE_VERSION" > "$axe_dir/VERSION"
echo "vendored dkfds $DKFDS_VERSION, htmx $HTMX_VERSION, axe-core $AXE_VERSION"
