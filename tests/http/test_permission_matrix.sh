#!/usr/bin/env bash
# The permission matrix (docs/security.md), cell by cell against a real
# server: every route of the JSON API, the web pages and Open311 (a row per
# value of an action) x every role x where the target lies from the
# account's grant (at its township T, inside, above, beside) x the Open311
# client, and anonymous. The expected cells come from `qingdan
# permissions --format tsv` (the routes' declarations and domain/perm.c);
# the requests and the records they need are in perm_matrix.mjs beside
# this file. An allowed cell must succeed; a refused one must answer 401 /
# a redirect to /login without a login, 403 (or the row's 404) otherwise,
# and leave the database as it was. Then the table of docs/security.md
# must be the generated one (scripts/perm-matrix.sh --check).
#
# The hand-written cases of test_api_permissions.sh (error codes such as
# NOT_ABOVE, moves in and out of a subtree, refusals that carry no data)
# stay there.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

command -v node >/dev/null || bail "node is installed"

make_fixture
# One account per role on township A (T, unit 2) and one on the county,
# for the settings of the whole deployment; the county admin of the
# fixture ("admin") and a county supervisor build the records.
ROLES="admin leader handler grid_worker supervisor viewer"
for role in $ROLES; do
	add_user "pm.$role" "矩阵$role" $U_TA "$role"
	add_user "pg.$role" "全县$role" $U_COUNTY "$role"
done
# Open311 clients of T (the matrix's client) and of the county (posts the
# requests whose tokens T's client must not read).
client_key() {
	q_cli open311 add --name "$1" --unit "$2" || bail "open311 add $1" "$(cat "$TMP/cli.out")"
	awk '$1 == "api_key" { print $2 }' "$TMP/cli.out"
}
KEY_T=$(client_key 甲镇平台 $U_TA)
KEY_COUNTY=$(client_key 县平台 $U_COUNTY)
[ -n "$KEY_T" ] && [ -n "$KEY_COUNTY" ] || bail "open311 keys" "$(cat "$TMP/cli.out")"
"$QINGDAN" permissions --format tsv >"$TMP/matrix.tsv" 2>"$TMP/cli.out" ||
	bail "qingdan permissions --format tsv" "$(cat "$TMP/cli.out")"
start_server

t0=$SECONDS
BASE=$BASE DB=$DB QINGDAN=$QINGDAN PASSWORD=$PASSWORD MATRIX=$TMP/matrix.tsv \
	KEY_T=$KEY_T KEY_COUNTY=$KEY_COUNTY COUNTS=$TMP/counts ROLES=$ROLES \
	node "$(dirname "$0")/perm_matrix.mjs"
rc=$?
if [ ! -s "$TMP/counts" ]; then
	fail "perm_matrix.mjs ran to its end" "exit status $rc" "$(tail -n 40 "$TMP/server.log")"
else
	read -r T_N T_FAILED <"$TMP/counts"
	note "the matrix took $((SECONDS - t0)) s"
fi

if out=$(QINGDAN=$QINGDAN "$ROOT/scripts/perm-matrix.sh" --check 2>&1); then
	pass "docs/security.md holds the generated matrix"
else
	fail "docs/security.md holds the generated matrix" "$out" \
		"regenerate: scripts/perm-matrix.sh (QINGDAN=path/to/qingdan)"
fi

if q_cli check; then
	pass "qingdan check passes after the matrix"
else
	fail "qingdan check passes after the matrix" "$(cat "$TMP/cli.out")"
fi

done_testing
