/* format.h: the Open311 GeoReport v2 wire formats, as pure functions.
 *
 * Responses are built once as jansson values in the JSON shape (an array of
 * services, an object for a service definition, ...) and written either as
 * JSON or, through o311_xml, as the spec's XML: each object member becomes a
 * child element in insertion order (jansson >= 2.8 keeps it), each array a
 * run of elements named after the array (services -> service, see
 * o311_item_name). Times travel as W3C datetimes: written by
 * time_format_w3c (util/date.h), read by o311_time_parse. No SQL, no HTTP. */
#ifndef QD_OPEN311_FORMAT_H
#define QD_OPEN311_FORMAT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { O311_XML = 1, O311_JSON = 2 };

/* Longest datetime o311_time_parse accepts ("…T12:00:00.123456789+08:00"). */
#define O311_TIME_MAX_LEN 35

/* The element name of one item of an array called key: the spec's and
 * FixMyStreet's table (services -> service, service_requests -> request,
 * service_request_updates -> request_update, attributes -> attribute,
 * values -> value, errors -> error, endpoints -> endpoint, formats ->
 * format, groups -> group), else key without a final 's', else "item".
 * Writes at most out_size bytes (NUL included); false when it does not fit. */
bool o311_item_name(const char *key, char *out, size_t out_size);

/* v as an XML document: the declaration <?xml version="1.0"
 * encoding="utf-8"?>, a newline, then <root>…</root> and a newline.
 * An object gives child elements in key order; an array gives one element
 * per item, named by o311_item_name(root or the member's key); a string is
 * escaped (& < > " ' and CR as &#13;), with every byte of invalid UTF-8 and
 * every character XML 1.0 forbids (NUL, C0 controls but tab/LF/CR, U+FFFE,
 * U+FFFF) replaced by U+FFFD; integers and reals as numbers (the shortest
 * text that reads back the same real); true/false; null (or v == NULL) as an
 * empty element <x></x>. No whitespace is added inside the root.
 * Returns a string the caller frees, or NULL when root or a key is not an
 * XML name ([A-Za-z_][A-Za-z0-9_.-]*, at most 64 bytes) or the value nests
 * deeper than 32 levels (both programming errors). */
char *o311_xml(const char *root, json_t *v);

/* v in format fmt: compact JSON when fmt is O311_JSON (root unused), else
 * o311_xml(root, v). Caller frees; NULL as o311_xml, or when a JSON string
 * holds invalid UTF-8 (made with json_string_nocheck). Reals in JSON have
 * 15 significant digits (%.15g: 36.9 prints as 36.9, not %.17g's
 * 36.899999999999999; coordinates need no more). */
char *o311_render(int fmt, const char *root, json_t *v);

/* The spec's Content-Type: "application/json; charset=utf-8" for O311_JSON,
 * else "text/xml; charset=utf-8". */
const char *o311_content_type(int fmt);

/* An error body with one error: XML
 *   <errors><error><code>403</code><description>…</description></error></errors>
 * or JSON [{"code":403,"description":"…"}]. description NULL means "";
 * invalid UTF-8 in it becomes U+FFFD. The HTTP status is the caller's
 * (404 missing resource, 403 api_key, 400 everything else). Caller frees. */
char *o311_errors(int fmt, int code, const char *description);

/* Parse a W3C datetime as clients send it:
 *   YYYY-MM-DD                        (midnight, local time)
 *   YYYY-MM-DDThh:mm[:ss[.fraction]]  then optionally Z, ±hh:mm or ±hhmm
 * Without a zone the process's local time is meant; a local time that does
 * not exist (skipped by a DST change) is refused. Years 1900..2999; fields
 * in range (no month 13, Feb 30, hour 24, second 60); 1..9 fraction digits,
 * dropped (the result is whole seconds); offsets up to ±23:59; 't' and 'z'
 * also accepted (RFC 3339). Anything else, trailing text included, is
 * refused. On success stores Unix seconds in *out and returns true. */
bool o311_time_parse(const char *s, int64_t *out);

/* Split a request path by its format extension: "/open311/v2/services.xml"
 * gives stem "/open311/v2/services" and *fmt O311_XML (".json" gives
 * O311_JSON). False, with stem "" when stem_size > 0, when there is no
 * extension in the last path segment, it is not exactly "xml" or "json",
 * nothing precedes the dot in that segment, or the stem does not fit in
 * stem_size bytes (NUL included). */
bool o311_format_of(const char *path, char *stem, size_t stem_size, int *fmt);

#endif
