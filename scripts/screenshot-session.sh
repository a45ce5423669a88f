# Sourced by the screenshot scripts: a private X server (Xvfb on display
# $1) with openbox, so that dialogs and focus behave as on a desktop; private
# settings and data folders; everything started is killed and the scratch
# folder removed on exit. Sets: build, root, out (resources/screenshots),
# scratch, pids (append the PIDs of what you start), DISPLAY.
# Usage: . scripts/screenshot-session.sh DISPLAY_NUMBER SCRATCH_NAME [build-dir]
set -euo pipefail
display=$1
build=${3:-build}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/resources/screenshots"
mkdir -p "$out"
scratch=$(mktemp -d "/tmp/meridian-$2-XXXXXX")
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
Xvfb ":$display" -screen 0 1280x800x24 >/dev/null 2>&1 & pids+=($!)
export DISPLAY=":$display"
for _ in $(seq 40); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.25; done
openbox >/dev/null 2>&1 & pids+=($!)
sleep 1
