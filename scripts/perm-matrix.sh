#!/bin/sh
# scripts/perm-matrix.sh [--check] - the permission matrix of docs/security.md.
#
# Writes the output of `qingdan permissions --format markdown` (generated
# from the routes' declarations and src/domain/perm.c) between the lines
# <!-- matrix:begin --> and <!-- matrix:end --> of docs/security.md,
# leaving the rest of the file as it is. With --check, writes nothing and
# exits 1 when the table there is not the generated one
# (tests/http/test_permission_matrix.sh runs it so).
#
# The binary is $QINGDAN, else ./qingdan (build it with `make`).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DOC=$ROOT/docs/security.md
QINGDAN=${QINGDAN:-$ROOT/qingdan}
check=
case ${1-} in
--check) check=1 ;;
'') ;;
*) echo "usage: scripts/perm-matrix.sh [--check]" >&2; exit 2 ;;
esac

[ -x "$QINGDAN" ] || { echo "perm-matrix: no binary $QINGDAN (run make, or set QINGDAN)" >&2; exit 2; }
[ -f "$DOC" ] || { echo "perm-matrix: no $DOC" >&2; exit 2; }
for m in '<!-- matrix:begin -->' '<!-- matrix:end -->'; do
	[ "$(grep -cxF "$m" "$DOC")" = 1 ] ||
		{ echo "perm-matrix: $DOC needs the line $m exactly once" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/perm-matrix.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$QINGDAN" permissions --format markdown >"$tmp/table"
# The file with the table between the markers replaced.
awk -v table="$tmp/table" '
	$0 == "<!-- matrix:end -->" { skip = 0 }
	!skip { print }
	$0 == "<!-- matrix:begin -->" {
		skip = 1
		while ((getline line < table) > 0) print line
	}' "$DOC" >"$tmp/doc"

if [ -n "$check" ]; then
	if ! cmp -s "$DOC" "$tmp/doc"; then
		echo "perm-matrix: docs/security.md does not hold the generated matrix:" >&2
		diff -u "$DOC" "$tmp/doc" | head -n 40 >&2 || true
		exit 1
	fi
	exit 0
fi
cmp -s "$DOC" "$tmp/doc" || cp "$tmp/doc" "$DOC"
