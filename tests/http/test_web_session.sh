#!/usr/bin/env bash
# Web sessions: the login form's CSRF (double submit), cookie flags, session
# rotation at login, CSRF on every state-changing form, idle expiry, logout,
# a password change ending the account's sessions and API tokens, login
# throttling, and the language switch. Against the real server.
. "$(dirname "$0")/lib.sh"

make_fixture
start_server
as -
JAR=$TMP/jar

web GET /items
is "a page without a session redirects to the login" "$STATUS" 303
ok_if "… with the page to come back to" grep -qi '^location: /login?next=/items' "$TMP/headers"

web GET /login
is "the login page" "$STATUS" 200
pre=$(cookie qd_pre)
ok_if "the login form gets a pre-session CSRF cookie" test -n "$pre"
ok_if "the page is in Chinese by default" grep -q '<html lang="zh-CN"' "$TMP/body"
ok_if "every field has a label" grep -q '<label for="f-login">' "$TMP/body"

web POST /login --data-urlencode "login=va.handler" --data-urlencode "password=$PASSWORD"
is "a login posted without the CSRF token is refused" "$STATUS" 403
ok_if "… and starts no session" test -z "$(cookie qd_session)"

web POST /login --data-urlencode "_csrf=$pre" --data-urlencode "login=va.handler" \
	--data-urlencode "password=wrong-password"
is "a wrong password shows the login again" "$STATUS" 401
ok_if "… with a message" grep -q '用户名或密码错误' "$TMP/body"

# A session cookie set beforehand (fixation) must not survive the login.
echo -e "127.0.0.1\tFALSE\t/\tFALSE\t0\tqd_session\tplanted-by-attacker" >>"$JAR"
web POST /login --data-urlencode "_csrf=$pre" --data-urlencode "login=va.handler" \
	--data-urlencode "password=$PASSWORD" --data-urlencode "next=/items"
is "the login succeeds" "$STATUS" 303
ok_if "… and goes to the page asked for" grep -qi '^location: /items' "$TMP/headers"
ok_if "the session cookie is HttpOnly and SameSite" \
	grep -qiE '^set-cookie: qd_session=[A-Za-z0-9_-]+; Path=/; HttpOnly; SameSite=Lax' "$TMP/headers"
ok_if "… and not Secure over plain HTTP" bash -c "! grep -qi 'qd_session=.*Secure' '$TMP/headers'"
s1=$(cookie qd_session)
ok_if "a new session replaces the planted one (rotation)" test -n "$s1" -a "$s1" != planted-by-attacker

web GET /
is "the dashboard with the session" "$STATUS" 200
token=$(csrf_in_page)
ok_if "pages carry the session's CSRF token in their forms" test ${#token} -eq 32
ok_if "the page has a Content-Security-Policy without scripts" \
	grep -qi "^content-security-policy: default-src 'none'; style-src 'self'" "$TMP/headers"

n0=$(count_events)
web POST /logout --data-urlencode "x=1"
is "a form posted without its CSRF token is refused" "$STATUS" 403
web POST /logout --data-urlencode "_csrf=0123456789abcdef0123456789abcdef"
is "… and with a wrong token" "$STATUS" 403
web GET /
is "… and the session is still there" "$STATUS" 200
is "… and nothing was written" "$(count_events)" "$n0"

web POST /logout --data-urlencode "_csrf=$token"
is "logout with the token" "$STATUS" 303
web GET / -b "qd_session=$s1"
is "the old session no longer works after logout" "$STATUS" 303

# Idle expiry: a session unused for longer than the idle limit is refused.
web GET /login
pre=$(cookie qd_pre)
web POST /login --data-urlencode "_csrf=$pre" --data-urlencode "login=va.handler" \
	--data-urlencode "password=$PASSWORD"
s2=$(cookie qd_session)
sqlite3 "$DB" "UPDATE session SET last_seen = last_seen - 3 * 86400 WHERE kind = 'session'"
web GET /
is "an idle session expires" "$STATUS" 303

# A new password ends every session and API token of the account (the CLI
# is the one way to change a password); other accounts keep theirs.
web_login va.leader
is "va.leader logs in on the web" "$STATUS" 303
old_cookie=$(cookie qd_session)
old_token=$(login va.leader) || bail "va.leader logs in on the API"
other_token=$(login viewer) || bail "viewer logs in on the API"
TOKEN=$old_token req GET /api/v1/me
is "… and on the API" "$STATUS" 200
is "… two sessions on the server" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM session WHERE account_id = ${ACCOUNT_ID[va.leader]}")" 2
NEWPW=new-password-of-va.leader
ok_if "qingdan user passwd" q_cli user passwd --login va.leader --password "$NEWPW"
is "… no session or token of the account is left" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM session WHERE account_id = ${ACCOUNT_ID[va.leader]}")" 0
is "… the audit event says so" \
	"$(sqlite3 "$DB" "SELECT action || ': ' || note FROM event ORDER BY id DESC LIMIT 1")" \
	"account.passwd: sessions and API tokens revoked: 2"
web GET / -b "qd_session=$old_cookie"
is "the old cookie goes to the login" "$STATUS" 303
ok_if "… Location /login" grep -qi '^location: /login' "$TMP/headers"
TOKEN=$old_token req GET /api/v1/me
is "the old API token: 401" "$STATUS" 401
TOKEN=$other_token req GET /api/v1/me
is "another account's token still works" "$STATUS" 200
TOKEN=
ok_if "the old password no longer logs in" bash -c "! login va.leader 2>/dev/null"
new_token=$(PASSWORD=$NEWPW login va.leader) || new_token=
TOKEN=$new_token req GET /api/v1/me
is "the new password logs in on the API" "$STATUS $(val .login)" "200 va.leader"
TOKEN=
rm -f "$JAR"
web GET /login
web POST /login --data-urlencode "_csrf=$(cookie qd_pre)" --data-urlencode "login=va.leader" \
	--data-urlencode "password=$NEWPW"
is "… and on the web" "$STATUS" 303
web GET /
is "… whose new session works" "$STATUS" 200
ok_if "qingdan check passes after the change" q_cli check
rm -f "$JAR"

# The language switch and Accept-Language.
web GET /login -H 'Accept-Language: en-US,en;q=0.9'
ok_if "Accept-Language en gives English" grep -q 'Log in to qingdan' "$TMP/body"
web GET '/lang?to=en'
is "the language switch" "$STATUS" 303
web GET /login
ok_if "… remembers English" grep -q 'Log in to qingdan' "$TMP/body"
web GET '/lang?to=fr'
is "an unknown language is refused" "$STATUS" 400

# Throttling: five failures for one login, then refusals even with the right password.
web GET /lang?to=zh
web GET /login
pre=$(cookie qd_pre)
for i in 1 2 3 4 5; do
	web POST /login --data-urlencode "_csrf=$pre" --data-urlencode "login=viewer" \
		--data-urlencode "password=bad-$i"
done
web POST /login --data-urlencode "_csrf=$pre" --data-urlencode "login=viewer" \
	--data-urlencode "password=$PASSWORD"
is "after five failures the right password is refused for a while" "$STATUS" 429

done_testing
