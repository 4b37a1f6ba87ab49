#!/usr/bin/env bash
# Web sessions: the login form's CSRF (double submit), cookie flags, session
# rotation at login, CSRF on every state-changing form, idle expiry, logout,
# login throttling, and the language switch. Against the real server.
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
