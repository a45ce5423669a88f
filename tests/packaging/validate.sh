#!/usr/bin/env bash
# The desktop integration files pass their validators, warnings included.
#   validate.sh desktop <file.desktop>        desktop-file-validate (desktop-file-utils)
#   validate.sh appstream <file.metainfo.xml> appstreamcli validate --no-net (appstream)
#   validate.sh tree <install-root>           appstreamcli validate-tree --no-net: the
#                                             metainfo with the desktop file it launches
# A missing validator is a failure that names the Debian package (make installs both).
set -euo pipefail
kind=${1:?desktop, appstream or tree} path=${2:?file or directory to validate}

need() {  # need <command> <debian package>
    command -v "$1" >/dev/null 2>&1 && return
    echo "FAIL: $1 is missing: apt-get install $2 (scripts/install-deps.sh, run by make, installs it)" >&2
    exit 1
}
[ -e "$path" ] || { echo "FAIL: $path does not exist" >&2; exit 1; }

case "$kind" in
desktop)
    need desktop-file-validate desktop-file-utils
    # Silent when clean: any output is an error, a warning or a hint, and fails.
    if ! out=$(desktop-file-validate "$path" 2>&1) || [ -n "$out" ]; then
        printf 'FAIL: desktop-file-validate %s\n%s\n' "$path" "$out" >&2
        exit 1
    fi
    ;;
appstream|tree)
    need appstreamcli appstream
    command=validate
    [ "$kind" = tree ] && command=validate-tree
    # --no-net: nothing is fetched (screenshot and homepage URLs are not probed).
    # Infos and pedantic notes pass; warnings and errors fail.
    status=0
    out=$(appstreamcli "$command" --no-net "$path" 2>&1) || status=$?
    if [ "$status" -ne 0 ] || grep -qE '^ *[WE]: ' <<<"$out"; then
        printf 'FAIL: appstreamcli %s %s\n%s\n' "$command" "$path" "$out" >&2
        exit 1
    fi
    ;;
*)
    echo "usage: validate.sh desktop|appstream|tree <file or directory>" >&2
    exit 2
    ;;
esac
echo "ok: $kind $path"
