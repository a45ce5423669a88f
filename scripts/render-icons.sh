#!/bin/sh
# Renders the committed PNG icons from their SVG sources in resources/icons/.
# Run it after editing an SVG, then commit the PNGs with it: the build only
# reads the PNGs, so neither `make` nor a Mac needs an SVG renderer.
#   app/meridian-inspector-<size>.png   the app icon: hicolor sizes, the window
#                                       icon, and the macOS .icns (16-1024 px);
#                                       16-24 px come from the small-size drawing
#   toolbar/{light,dark}/<name>-<size>.png  the action icons, lines in the
#                                       palette's text colour, details in its accent
# Needs rsvg-convert (Debian: librsvg2-bin; macOS: brew install librsvg).
set -eu
icons=$(cd "$(dirname "$0")/../resources/icons" && pwd)
command -v rsvg-convert >/dev/null 2>&1 || {
    echo "render-icons: rsvg-convert is missing (apt-get install librsvg2-bin, or brew install librsvg)" >&2
    exit 1
}

for size in 16 22 24 32 48 64 128 256 512 1024; do
    source="$icons/meridian-inspector.svg"
    [ "$size" -le 24 ] && source="$icons/meridian-inspector-small.svg"
    rsvg-convert -w "$size" -h "$size" "$source" -o "$icons/app/meridian-inspector-$size.png"
done

# The SVGs are drawn for a light palette (text #2b2d31, accent #2f6fd0); the
# dark variant swaps in the dark palette's colours (ui/window/theme.cpp).
dark_css=$(mktemp)
trap 'rm -f "$dark_css"' EXIT
printf 'svg { color: #e6e6e6; }\n.accent { stroke: #6ca8ff; }\n' >"$dark_css"
mkdir -p "$icons/toolbar/light" "$icons/toolbar/dark"
for svg in "$icons"/toolbar/*.svg; do
    name=$(basename "$svg" .svg)
    for size in 16 24 32 48; do
        rsvg-convert -w "$size" -h "$size" "$svg" -o "$icons/toolbar/light/$name-$size.png"
        rsvg-convert -w "$size" -h "$size" --stylesheet "$dark_css" "$svg" -o "$icons/toolbar/dark/$name-$size.png"
    done
done
echo "render-icons: PNGs written under $icons"
