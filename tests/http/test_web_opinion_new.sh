#!/usr/bin/env bash
# Staff enter an opinion that came by letter, visit or phone (/opinions/new):
# the form, a letter dated days ago, refusals that keep the input and store
# nothing, and the permission to enter one. Against the real server.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server
as -
opinions() { sqlite3 "$DB" "SELECT count(*) FROM opinion"; }

web_login va.handler
web GET /opinions
ok_if "the opinion list links to the entry form" grep -q 'href="/opinions/new"' "$TMP/body"
web GET /opinions/new
is "the entry form" "$STATUS" 200
tok=$(csrf_in_page)
ok_if "… with channel, day, unit, text, address and the submitter" bash -c \
	"grep -q 'name=\"channel\"' '$TMP/body' && grep -q 'type=\"date\"' '$TMP/body' &&
	 grep -q 'name=\"unit_id\"' '$TMP/body' && grep -q 'name=\"text\"' '$TMP/body' &&
	 grep -q 'name=\"address\"' '$TMP/body' && grep -q 'name=\"submitter_contact\"' '$TMP/body'"

day=$(date -d "$QINGDAN_TODAY -3 days" +%F 2>/dev/null || date -d "-3 days" +%F)
web POST /opinions/new --data-urlencode "_csrf=$tok" --data-urlencode "channel=letter" \
	--data-urlencode "received_on=$day" --data-urlencode "unit_id=$U_VA1" \
	--data-urlencode "text=来信反映村口路灯损坏" --data-urlencode "address=甲一村村口" \
	--data-urlencode "submitter_name=来信人甲" --data-urlencode "submitter_contact=信封地址"
is "a letter is entered" "$STATUS" 303
id=$(grep -i '^location:' "$TMP/headers" | sed -E 's#.*/opinions/([0-9]+).*#\1#' | tr -d '\r')
ok_if "… and the page goes to the new opinion ($id)" test -n "$id"
row=$(sqlite3 "$DB" "SELECT channel, date(received_at, 'unixepoch', '+8 hours'), address, submitter_name FROM opinion WHERE id = ${id:-0}")
is "… stored with its channel, the day it came, where and who" "$row" "letter|$day|甲一村村口|来信人甲"
web GET "/opinions/$id"
ok_if "the opinion page shows where and that no response was made yet" bash -c \
	"grep -q '甲一村村口' '$TMP/body' && grep -q '尚未响应' '$TMP/body'"

n0=$(opinions)
e0=$(count_events)
future=$(date -d "$QINGDAN_TODAY +2 days" +%F 2>/dev/null || date -d "+2 days" +%F)
web POST /opinions/new --data-urlencode "_csrf=$tok" --data-urlencode "channel=phone" \
	--data-urlencode "received_on=$future" --data-urlencode "unit_id=$U_VA1" \
	--data-urlencode "text=来电"
is "a day in the future is refused" "$STATUS" 400
ok_if "… with a message next to the field, the input kept" bash -c \
	"grep -q 'id=\"e-op-received_on\"' '$TMP/body' && grep -q '来电' '$TMP/body'"
web POST /opinions/new --data-urlencode "_csrf=$tok" --data-urlencode "channel=phone" \
	--data-urlencode "received_on=$day" --data-urlencode "unit_id=$U_VA1" --data-urlencode "text=   "
is "blank text is refused" "$STATUS" 400
web POST /opinions/new --data-urlencode "_csrf=$tok" --data-urlencode "channel=fax" \
	--data-urlencode "received_on=$day" --data-urlencode "unit_id=$U_VA1" --data-urlencode "text=x"
is "an unknown channel is refused" "$STATUS" 400
web POST /opinions/new --data-urlencode "_csrf=$tok" --data-urlencode "channel=visit" \
	--data-urlencode "received_on=$day" --data-urlencode "unit_id=$U_TB" --data-urlencode "text=x"
is "a unit outside the account's subtree is refused" "$STATUS" 403
web POST /opinions/new --data-urlencode "_csrf=$tok" --data-urlencode "channel=visit" \
	--data-urlencode "received_on=$day" --data-urlencode "unit_id=$U_VA1" \
	--data-urlencode "text=x" --data-urlencode "extra=1"
is "an unknown field is refused" "$STATUS" 400
web POST /opinions/new --data-urlencode "channel=visit" --data-urlencode "received_on=$day" \
	--data-urlencode "unit_id=$U_VA1" --data-urlencode "text=x"
is "a post without the CSRF token is refused" "$STATUS" 403
is "no refusal stored an opinion" "$(opinions)" "$n0"
is "… or an event" "$(count_events)" "$e0"

web_login viewer
web GET /opinions
ok_if "a viewer gets no entry link" bash -c "! grep -q 'href=\"/opinions/new\"' '$TMP/body'"
web GET /opinions/new
tok=$(csrf_in_page)
web POST /opinions/new --data-urlencode "_csrf=$tok" --data-urlencode "channel=visit" \
	--data-urlencode "received_on=$day" --data-urlencode "unit_id=$U_VA1" --data-urlencode "text=x"
is "… and cannot enter one" "$STATUS" 403
is "… nothing stored" "$(opinions)" "$n0"

stop_server
done_testing
