#!/bin/sh
# check_layers.sh: the layer rule of DESIGN.md, checked on the sources.
#
#   check_layers.sh <project source folder>
#
# Fails, naming every offending file and line, when
#   - a file under app/ or ui/ includes a RocksDB header (<rocksdb/...> or
#     "rocksdb/..."): RocksDB is a private dependency of storage/;
#   - a file under storage/ or decode/ includes a Qt header (<QString>, <QtCore/...>,
#     "QtConcurrent/..."): storage/ is plain C++ that the CLI, the tests and
#     any other program can use.
#   - a file under app/ or ui/ other than ui/common/async.* calls
#     QtConcurrent or makes a QFutureWatcher: work off the UI thread has one
#     home (ui/common/async.h);
#   - the folders of ui/ include each other in a circle (ui/a includes
#     ui/b, which, directly or not, includes ui/a): arrows run one way,
#     window -> features -> session -> common. The circle is named.
# tests/ is not checked: tests and benchmarks compare against raw RocksDB on
# purpose. Commented-out includes are ignored.
#
# The build catches some of this too, but not all of it, which is why this
# test exists:
#   - RocksDB is linked PRIVATE to meridian_storage (storage/CMakeLists.txt),
#     so its include path does not reach app/ or ui/: with a RocksDB built from
#     source, a RocksDB include there fails to compile. A system RocksDB
#     (Debian's, Homebrew's) has its headers in the compiler's default include
#     path, though, where such an include compiles and links without a word.
#   - storage/ does not link Qt, so a Qt include there fails to compile as
#     long as Qt's headers are not in a default include path.
set -u

root=${1:?usage: check_layers.sh <project source folder>}
cd "$root" || exit 2

# Sources only (C, C++, Objective-C++), whatever their folder depth.
sources() {
    find "$@" -type f \( -name '*.h' -o -name '*.hh' -o -name '*.hpp' -o -name '*.hxx' -o -name '*.inl' \
        -o -name '*.c' -o -name '*.cc' -o -name '*.cpp' -o -name '*.cxx' -o -name '*.m' -o -name '*.mm' \) | sort
}

include='^[[:space:]]*#[[:space:]]*(include|import)[[:space:]]*[<"]'
failed=0
checked=0

# check <what is wrong> <pattern after the include's opening < or "> <folder>...
check() {
    what=$1
    pattern=$2
    shift 2
    for dir in "$@"; do
        if [ ! -d "$dir" ]; then
            echo "check_layers: no folder '$dir' under $root" >&2
            failed=1
            continue
        fi
        files=$(sources "$dir")
        [ -n "$files" ] || continue
        checked=$((checked + $(printf '%s\n' "$files" | wc -l)))
        hits=$(printf '%s\n' "$files" | tr '\n' '\0' | xargs -0 grep -HnE "$include$pattern")
        if [ -n "$hits" ]; then
            printf '%s\n' "$hits" | sed "s|^|LAYER RULE BROKEN ($what): |"
            failed=1
        fi
    done
}

check "app/ and ui/ must not include RocksDB; go through storage/" 'rocksdb/' app ui
check "storage/ must not include Qt; it is plain C++" 'Q' storage
check "decode/ must not include Qt or RocksDB; it is plain C++ for the CLI too" '(Q|rocksdb/)' decode

# Work off the UI thread goes through ui/common/async.h.
async=$(sources app ui | grep -v '^ui/common/async\.' | tr '\n' '\0' |
    xargs -0 grep -HnE 'QtConcurrent::|QFutureWatcher|<QtConcurrent' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//')
if [ -n "$async" ]; then
    printf '%s\n' "$async" | sed 's|^|LAYER RULE BROKEN (work off the UI thread goes through ui/common/async.h): |'
    failed=1
fi

# ui/ folder arrows: "from to" for every include of one ui/ folder by
# another, through tsort, which names a circle when there is one.
edges=$(sources ui | while read -r file; do
    from=$(printf '%s\n' "$file" | cut -d/ -f2)
    grep -E "${include}ui/[^/\"]+/" "$file" | sed -E 's|.*"ui/([^/"]+)/.*|\1|' | sort -u |
        while read -r to; do [ "$to" = "$from" ] || echo "$from $to"; done
done | sort -u)
if [ -n "$edges" ]; then
    loops=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null)
    if [ -n "$loops" ]; then
        echo "LAYER RULE BROKEN (the folders of ui/ include each other in a circle):"
        printf '%s\n' "$loops" | sed 's/^/  /'
        failed=1
    fi
fi

if [ "$failed" -ne 0 ]; then
    echo "check_layers: FAILED (see DESIGN.md, Layers)"
    exit 1
fi
echo "check_layers: OK, $checked files follow the layer rule; the folders of ui/ include each other without a circle ($(printf '%s\n' "$edges" | grep -c .) arrows)"
