#!/bin/sh
# Source rules the compiler cannot check (TAP output; run by `make test`):
#  1. h_printf writes numbers and literal text only: no %s (data goes through
#     h_text / h_attr / h_url_arg, which escape it);
#  2. SQL text lives in src/store only;
#  3. the sqlite3 API is used in src/store only.
cd "$(dirname "$0")/.." || exit 2
n=0
bad=0
check() { # label, offending lines
	n=$((n + 1))
	out=$2
	if [ -z "$out" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "$out" | sed 's/^/#   /'
		bad=1
	fi
}
check "no h_printf of %s (escape data with h_text/h_attr)" \
	"$(grep -n 'h_printf([^;]*%[-0-9.]*s' src/*/*.c)"
check "no SQL outside src/store" \
	"$(grep -rnE '"(SELECT|INSERT|UPDATE|DELETE|CREATE) ' src/app src/domain src/http src/api src/web src/cli src/open311)"
check "no sqlite3 API outside src/store" \
	"$(grep -rn 'sqlite3_' src/app src/domain src/http src/api src/web src/cli src/open311)"
echo "1..$n"
exit $bad
