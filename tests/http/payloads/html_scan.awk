# html_scan.awk - markup an HTML page of qingdan must never hold, for the
# HTTP tests (test_web_hardening.sh, test_hostile_input.sh). POSIX awk
# (mawk or gawk):
#
#   awk -f tests/http/payloads/html_scan.awk page.html ...
#
# prints one line per problem, "FILE<TAB>what", nothing for a clean page.
# Every page is read whole and cut at each "<": the app escapes "<" and ">"
# in text and attribute values, so each piece starts with one tag and ends
# at its ">". Flagged:
#
#   - elements that run or pull in code or styles: script, style, iframe,
#     frame, frameset, object, embed, applet, base, meta http-equiv=refresh
#   - event handler attributes (on...=), inline style attributes, srcdoc
#   - URLs (href, src, action, formaction, xlink:href, poster, data,
#     background) whose scheme, after entity decoding and the whitespace a
#     browser strips, is javascript:, vbscript: or data: (data:image/ in
#     img src only); resources (src, link href) from another origin
#   - a tag that is not closed before the next "<", a raw "<" or a stray
#     quote inside a tag, an attribute given twice: what an unescaped
#     value breaking out of its quotes leaves behind.

BEGIN {
	RS = "\001" # nothing in a page holds this control character: one record per file
	hex = "0123456789abcdef"
}

function report(msg) {
	gsub(/[\t\r\n]/, " ", msg)
	print FILENAME "\t" substr(msg, 1, 200)
}

# Numeric character references and the named ones that matter in a URL,
# decoded (code points above 127 become "?": no scheme holds them).
function decode(v,    out, m, num, c, i, ch) {
	out = ""
	while (match(v, /&#[xX]?[0-9a-fA-F]+;?/)) {
		m = substr(v, RSTART, RLENGTH)
		out = out substr(v, 1, RSTART - 1)
		v = substr(v, RSTART + RLENGTH)
		num = 0
		if (m ~ /^&#[xX]/) {
			for (i = 4; i <= length(m); i++) {
				ch = tolower(substr(m, i, 1))
				c = index(hex, ch)
				if (c == 0)
					break
				num = num * 16 + c - 1
			}
		} else {
			for (i = 3; i <= length(m); i++) {
				ch = substr(m, i, 1)
				if (ch !~ /[0-9]/)
					break
				num = num * 10 + ch
			}
		}
		out = out ((num > 0 && num < 128) ? sprintf("%c", num) : "?")
	}
	out = out v
	gsub(/&[Tt]ab;/, "\t", out)
	gsub(/&[Nn]ew[Ll]ine;/, "\n", out)
	gsub(/&colon;/, ":", out)
	gsub(/&quot;/, "\"", out)
	gsub(/&apos;/, "'", out)
	gsub(/&lt;/, "<", out)
	gsub(/&gt;/, ">", out)
	gsub(/&amp;/, "\\&", out)
	return out
}

# A URL attribute's value as a browser takes its scheme.
function url_check(tag, name, v,    u) {
	u = decode(v)
	gsub(/[\t\n\r]/, "", u)           # removed anywhere
	sub(/^[ \f\001-\037]+/, "", u)     # leading C0 controls and spaces
	u = tolower(u)
	if (u ~ /^(java|vb|live)script:/)
		report("<" tag " " name "=\"" v "\">: a script URL")
	else if (u ~ /^data:/ && !(tag == "img" && name == "src" && u ~ /^data:image\//))
		report("<" tag " " name "=\"" v "\">: a data: URL")
	if ((name == "src" || (tag == "link" && name == "href")) && u ~ /^([a-z][a-z0-9+.-]*:)?\/\//)
		report("<" tag " " name "=\"" v "\">: a resource from elsewhere")
}

# One tag (the text between "<" and ">").
function scan_tag(t,    name, rest, an, av, q, k, seen, lname, refresh) {
	match(t, /^[A-Za-z][A-Za-z0-9:-]*/)
	name = tolower(substr(t, 1, RLENGTH))
	rest = substr(t, RLENGTH + 1)
	if (name ~ /^(script|style|iframe|frame|frameset|object|embed|applet|base)$/)
		report("<" name ">: element not allowed")
	refresh = 0
	for (;;) {
		sub(/^[ \t\r\n\/]+/, "", rest)
		if (rest == "")
			break
		if (!match(rest, /^[^ \t\r\n"'<>\/=]+/)) {
			report("<" name ">: stray character in the tag: " substr(rest, 1, 40))
			rest = substr(rest, 2)
			continue
		}
		an = substr(rest, 1, RLENGTH)
		lname = tolower(an)
		rest = substr(rest, RLENGTH + 1)
		av = ""
		if (match(rest, /^[ \t\r\n]*=[ \t\r\n]*/)) {
			rest = substr(rest, RLENGTH + 1)
			q = substr(rest, 1, 1)
			if (q == "\"" || q == "'") {
				k = index(substr(rest, 2), q)
				if (k == 0) {
					report("<" name " " an "=...>: value not closed")
					av = substr(rest, 2)
					rest = ""
				} else {
					av = substr(rest, 2, k - 1)
					rest = substr(rest, k + 2)
				}
			} else {
				match(rest, /^[^ \t\r\n>]*/)
				av = substr(rest, 1, RLENGTH)
				rest = substr(rest, RLENGTH + 1)
			}
		}
		if (lname in seen)
			report("<" name ">: attribute " an " given twice")
		seen[lname] = 1
		if (lname ~ /^on/)
			report("<" name " " an "=...>: event handler attribute")
		if (lname == "style" || lname == "srcdoc")
			report("<" name " " an "=...>: attribute not allowed")
		if (lname ~ /^(href|src|action|formaction|xlink:href|poster|data|background)$/)
			url_check(name, lname, av)
		if (name == "meta" && lname == "http-equiv" && tolower(av) == "refresh")
			refresh = 1
	}
	if (refresh)
		report("<meta http-equiv=refresh>: not allowed")
	for (k in seen)
		delete seen[k]
}

{
	n = split($0, piece, "<")
	for (i = 2; i <= n; i++) {
		p = piece[i]
		if (p !~ /^[A-Za-z]/)
			continue # text, a closing tag, a comment or the doctype
		k = index(p, ">")
		if (k == 0) {
			report("a tag not closed before the next \"<\": <" substr(p, 1, 60))
			continue
		}
		scan_tag(substr(p, 1, k - 1))
	}
}
