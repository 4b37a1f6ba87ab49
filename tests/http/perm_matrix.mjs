// perm_matrix.mjs - the permission matrix against a real server, run by
// test_permission_matrix.sh (which builds the fixture, starts the server
// and passes BASE, DB, QINGDAN, PASSWORD, MATRIX, KEY_T, KEY_COUNTY,
// COUNTS, ROLES).
//
// MATRIX is `qingdan permissions --format tsv`: a row per route (and per
// value of its action), a cell per role x position, the Open311 client x
// position, and anonymous, each y (allowed), n (refused) or - (no such
// position). This file knows, for every row, the request that tries it and
// the record it needs (RECIPES); a row without a recipe fails. The records
// are made first, one per cell that changes something (so that a cell
// wrongly allowed cannot spoil another), by the county admin through the
// API; then the cells run one by one, the refused ones of a row first.
//
// Positions: the account's one grant is on township T (unit 2); the
// target lies at T (2), inside it (village 4), above it (the county, 1) or
// beside it (township 3). A setting of the whole deployment ("· root")
// has the target at the root: "at" is the role's account on the county,
// "above" its account on T.
//
// A refused cell must answer 401 (API) / a redirect to /login (pages)
// without a login, 403 (or 404 where the row says so) otherwise - Open311
// answers 403 to anyone without an api_key - and leave the database as it
// was: no commit at all (PRAGMA data_version of a separate connection) and
// no event. Prints TAP lines numbered from 1; the count and the failures
// go to COUNTS for the shell to go on numbering.

import http from 'node:http';
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';

const E = process.env;
const BASE = new URL(E.BASE);
const PW = E.PASSWORD;
const ROLES = E.ROLES.split(' ');
const POS_UNIT = { at: 2, inside: 4, above: 1, beside: 3 };
const UNIT_NAME = { 1: '测试县', 2: '甲镇', 3: '乙镇', 4: '甲一村', 5: '甲二村' };
const UNIT_KIND = { 1: 'county', 2: 'township', 3: 'township', 4: 'village' };
const DUE = '2024-04-30';
const PART = 'response.within';

// ------------------------------------------------------------------ HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

// request({method, path, headers, json | form | multipart | raw, local}):
// {status, headers, text}. Never follows redirects.
function request(o) {
	const headers = { ...(o.headers || {}) };
	let body = null;
	if (o.json !== undefined) {
		body = Buffer.from(JSON.stringify(o.json));
		headers['content-type'] = 'application/json';
	} else if (o.form) {
		body = Buffer.from(new URLSearchParams(o.form).toString());
		headers['content-type'] = 'application/x-www-form-urlencoded';
	} else if (o.multipart) {
		const b = 'pmboundary' + Math.random().toString(36).slice(2);
		const parts = [];
		for (const [k, v] of Object.entries(o.multipart)) {
			const file = typeof v === 'object';
			parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"` +
				(file ? `; filename="${v.name}"\r\nContent-Type: ${v.type}` : '') + '\r\n\r\n'));
			parts.push(Buffer.from(file ? v.data : String(v)));
			parts.push(Buffer.from('\r\n'));
		}
		parts.push(Buffer.from(`--${b}--\r\n`));
		body = Buffer.concat(parts);
		headers['content-type'] = `multipart/form-data; boundary=${b}`;
	} else if (o.raw !== undefined) {
		body = Buffer.from(o.raw);
		headers['content-type'] = o.type;
	}
	if (body)
		headers['content-length'] = body.length;
	return new Promise((resolve, reject) => {
		const rq = http.request({
			host: BASE.hostname, port: BASE.port, method: o.method || 'GET', path: o.path,
			headers, agent: o.local ? false : agent, localAddress: o.local, timeout: 15000,
		}, res => {
			const chunks = [];
			res.on('data', c => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
				text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		rq.on('timeout', () => rq.destroy(new Error('timed out')));
		rq.on('error', reject);
		if (body)
			rq.write(body);
		rq.end();
	});
}

const bearer = t => (t ? { authorization: `Bearer ${t}` } : {});

async function must(p, what) {
	const r = await p;
	if (r.status < 200 || r.status >= 300)
		throw new Error(`set-up: ${what}: ${r.status} ${r.text.slice(0, 400)}`);
	return r.text ? JSON.parse(r.text) : null;
}

// Run tasks (functions returning promises) at most n at a time.
async function pool(tasks, n) {
	const out = new Array(tasks.length);
	let next = 0;
	async function worker() {
		while (next < tasks.length) {
			const i = next++;
			out[i] = await tasks[i]();
		}
	}
	await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
	return out;
}

// ------------------------------------------------------------------ the database

// One sqlite3 process for the whole run: whether anything was committed
// between two looks (data_version changes when another connection
// commits) and how many events the audit log holds.
const sq = spawn('sqlite3', ['-batch', E.DB], { stdio: ['pipe', 'pipe', 'inherit'] });
let sqBuf = '';
const sqWait = [];
sq.stdout.on('data', d => {
	sqBuf += d;
	let i;
	while ((i = sqBuf.indexOf('__END__\n')) >= 0) {
		const out = sqBuf.slice(0, i);
		sqBuf = sqBuf.slice(i + 8);
		sqWait.shift()(out);
	}
});
const sql = q => new Promise(res => { sqWait.push(res); sq.stdin.write(q + '\n.print __END__\n'); });
const dbState = async () => (await sql('PRAGMA data_version; SELECT count(*) FROM event;')).trim().split('\n');

// ------------------------------------------------------------------ accounts

const cli = args => new Promise((resolve, reject) =>
	execFile(E.QINGDAN, [...args, '--db', E.DB], (err, out, errOut) =>
		err ? reject(new Error(`${args.join(' ')}: ${errOut || err.message}`)) : resolve(out.trim())));

// An API token of an account, from the command line (no password hash to
// check, unlike a login).
const token = login => cli(['user', 'token', '--login', login]);

const csrfOf = text => (text.match(/name="_csrf" value="([^"]*)"/) || [])[1];

// A web session made of an API token (the cookie takes any token of the
// account) and its form token, read from a page.
async function sessionOf(tok) {
	const cookie = `qd_session=${tok}`;
	const r = await request({ path: '/opinion', headers: { cookie } });
	const csrf = csrfOf(r.text);
	if (!csrf)
		throw new Error(`set-up: no CSRF token for a session: ${r.status}`);
	return { cookie, csrf };
}

// A real web login: its session cookie and form token.
async function webLogin(login) {
	const pre = 'pm' + 'x'.repeat(30);
	const r = await request({ method: 'POST', path: '/login', headers: { cookie: `qd_pre=${pre}` },
		form: { _csrf: pre, login, password: PW } });
	const set = [].concat(r.headers['set-cookie'] || []).find(c => c.startsWith('qd_session='));
	if (r.status !== 303 || !set)
		throw new Error(`set-up: web login ${login}: ${r.status}`);
	const tok = set.slice('qd_session='.length).split(';')[0];
	return sessionOf(tok);
}

// ------------------------------------------------------------------ records

let seq = 0;
const uniq = p => `${p}${++seq}`;
const A = {};            // actors: 'role@T', 'role@root' -> {login, token, cookie, csrf}
let SU;                  // the county admin (set-up)

const itemBody = (u, extra = {}) => ({ source: 'self_inspection', title: uniq('矩阵问题'), unit_id: u,
	mode: 'deadline', due_on: DUE, ...extra });

// An item of unit u: open, waiting for sign-off (review) or signed off.
async function item(u, state = 'open') {
	if (state === 'closed')
		// the county admin works and verifies above u: closed at once
		return must(request({ method: 'POST', path: '/api/v1/items', headers: bearer(SU),
			json: itemBody(u, { mode: 'immediate', due_on: null, already_fixed: true }) }),
		'closed item');
	const it = await must(request({ method: 'POST', path: '/api/v1/items', headers: bearer(SU),
		json: itemBody(u) }), 'item');
	if (state === 'review')
		return must(request({ method: 'POST', path: `/api/v1/items/${it.id}/request_signoff`,
			headers: bearer(SU) }), 'request sign-off');
	return it;
}

async function measure(u) {
	const it = await item(u);
	return must(request({ method: 'POST', path: `/api/v1/items/${it.id}/measures`, headers: bearer(SU),
		json: { text: uniq('措施') } }), 'measure');
}

const opinion = u => must(request({ method: 'POST', path: '/api/v1/opinions', headers: bearer(SU),
	json: { channel: 'letter', unit_id: u, text: uniq('群众来信') } }), 'opinion');

const person = u => must(request({ method: 'POST', path: '/api/v1/persons', headers: bearer(SU),
	json: { unit_id: u, name: uniq('人员') } }), 'person');

async function account(u) {
	const p = await person(u);
	return must(request({ method: 'POST', path: '/api/v1/accounts', headers: bearer(SU),
		json: { person_id: p.id, login: uniq('pm.subject'), password: PW } }), 'account');
}

const unit = (parent, kind = 'grid') => must(request({ method: 'POST', path: '/api/v1/units',
	headers: bearer(SU), json: { parent_id: parent, kind, name: uniq('矩阵单位') } }), 'unit');

const S = {};            // shared records, read-only for the cells
// An opinion answered at once: joined to an item already signed off.
async function answered() {
	const o = await opinion(2);
	await must(request({ method: 'POST', path: `/api/v1/opinions/${o.id}/link`, headers: bearer(SU),
		json: { item: S.closed.id } }), 'link to a signed-off item');
	return o;
}

// A fresh grant on unit u to delete: (account, unit, role) is unique, so
// each position has a few subject accounts and the roles go round.
const grantPool = {};
async function grantToDelete(u) {
	const k = grantPool[u].next++;
	const acc = grantPool[u].accounts[Math.floor(k / ROLES.length)];
	if (!acc)
		throw new Error(`set-up: out of grant subjects for unit ${u}`);
	return must(request({ method: 'POST', path: '/api/v1/grants', headers: bearer(SU),
		json: { account_id: acc.id, unit_id: u, role: ROLES[k % ROLES.length] } }), 'grant');
}

// A throwaway login of the cell's account (logout ends it).
async function throwaway(c) {
	if (c.principal === 'anonymous')
		return null;
	const tok = await token(A[c.actorKey].login);
	return { token: tok, ...(await sessionOf(tok)) };
}

const csvRow = (u, ext) => '问题编号,单位,问题来源,问题描述,发现时间,整改方式,整改时限\n' +
	`${ext},${UNIT_NAME[u]},检视查摆,导入的问题,2024-03-01,限期整改,${DUE}\n`;

// ------------------------------------------------------------------ recipes

// For every row: rec(cell) makes the record the cell needs (optional),
// req(cell) the request. cell.u is the target unit, cell.rec the record.
// Requests: {method, path, json | form | multipart | raw/type | params
// (Open311), local (source address), session: {token, cookie, csrf}
// (instead of the actor's)}.
const q = (path, u) => `${path}${path.includes('?') ? '&' : '?'}unit=${u}`;
const act = (state, body) => ({ rec: c => item(c.u, state), body });
const itemActs = { start: act('open'), request_signoff: act('open'),
	signoff: act('review', { closure: 'resolved' }), sendback: act('review', { reason: '退回重办' }),
	reopen: act('closed', { reason: '重新打开' }), claim: act('open') };
const triage = {
	accept: { json: { title: '受理为问题', mode: 'deadline', due_on: DUE },
		form: { title: '受理为问题', kind: 'problem', mode: 'deadline', due_on: DUE } },
	link: { json: () => ({ item: S.link.id }), form: () => ({ item: S.link.ext_id }) },
	reject: { json: { reason: '不属于受理范围' }, form: { reason: '不属于受理范围' } },
	reply: { json: { text: '已答复' }, form: { reply: '已答复' } },
};
const val = v => (typeof v === 'function' ? v() : v);

const RECIPES = {
	// ---- JSON API
	'api GET /api/v1': { req: () => ({ path: '/api/v1' }) },
	'api POST /api/v1/login': { req: () => ({ method: 'POST', path: '/api/v1/login',
		json: { login: 'pm.viewer', password: PW } }) },
	'api POST /api/v1/logout': { rec: throwaway, req: c => ({ method: 'POST', path: '/api/v1/logout',
		session: c.rec }) },
	'api GET /api/v1/me': { req: () => ({ path: '/api/v1/me' }) },
	'api GET /api/v1/units': { req: c => ({ path: `/api/v1/units?under=${c.u}` }) },
	'api POST /api/v1/units': { req: c => ({ method: 'POST', path: '/api/v1/units',
		json: { parent_id: c.u, kind: 'grid', name: uniq('新网格') } }) },
	'api GET /api/v1/units/:id': { req: c => ({ path: `/api/v1/units/${c.u}` }) },
	'api PATCH /api/v1/units/:id': { req: c => ({ method: 'PATCH', path: `/api/v1/units/${c.u}`,
		json: { code: uniq('pm-code-') } }) },
	'api POST /api/v1/units/:id/move': { rec: () => unit(5), req: c => ({ method: 'POST',
		path: `/api/v1/units/${c.rec.id}/move`, json: { parent_id: c.u } }) },
	'api GET /api/v1/persons': { req: c => ({ path: q('/api/v1/persons', c.u) }) },
	'api POST /api/v1/persons': { req: c => ({ method: 'POST', path: '/api/v1/persons',
		json: { unit_id: c.u, name: uniq('新人员') } }) },
	'api POST /api/v1/accounts': { rec: c => person(c.u), req: c => ({ method: 'POST',
		path: '/api/v1/accounts', json: { person_id: c.rec.id, login: uniq('pm.new'), password: PW } }) },
	'api POST /api/v1/grants': { req: c => ({ method: 'POST', path: '/api/v1/grants',
		json: { account_id: S.subject[c.u].id, unit_id: c.u, role: 'viewer' } }) },
	'api DELETE /api/v1/grants/:id': { rec: c => grantToDelete(c.u), req: c => ({ method: 'DELETE',
		path: `/api/v1/grants/${c.rec.id}` }) },
	'api GET /api/v1/categories': { req: () => ({ path: '/api/v1/categories' }) },
	'api POST /api/v1/categories': { req: () => ({ method: 'POST', path: '/api/v1/categories',
		json: { code: uniq('pm-cat-'), name: uniq('类别') } }) },
	'api GET /api/v1/items': { req: c => ({ path: q('/api/v1/items', c.u) }) },
	'api POST /api/v1/items': { req: c => ({ method: 'POST', path: '/api/v1/items', json: itemBody(c.u) }) },
	'api GET /api/v1/items/:ref': { req: c => ({ path: `/api/v1/items/${S.item[c.u].id}` }) },
	'api PATCH /api/v1/items/:ref': { rec: c => item(c.u), req: c => ({ method: 'PATCH',
		path: `/api/v1/items/${c.rec.id}`, json: { version: c.rec.version, title: uniq('改过的问题') } }) },
	'api POST /api/v1/items/:ref/measures': { rec: c => item(c.u), req: c => ({ method: 'POST',
		path: `/api/v1/items/${c.rec.id}/measures`, json: { text: uniq('新措施') } }) },
	'api GET /api/v1/measures': { req: c => ({ path: q('/api/v1/measures', c.u) }) },
	'api PATCH /api/v1/measures/:id': { rec: c => measure(c.u), req: c => ({ method: 'PATCH',
		path: `/api/v1/measures/${c.rec.id}`, json: { evidence: uniq('佐证') } }) },
	'api GET /api/v1/responsibility': { req: c => ({ path: q('/api/v1/responsibility', c.u) }) },
	'api GET /api/v1/stats': { req: c => ({ path: q('/api/v1/stats', c.u) }) },
	'api PUT /api/v1/calendar/:day': { req: () => ({ method: 'PUT', path: '/api/v1/calendar/2024-05-06',
		json: { kind: 'off' } }) },
	'api GET /api/v1/opinions': { req: c => ({ path: q('/api/v1/opinions', c.u) }) },
	'api POST /api/v1/opinions': { req: c => ({ method: 'POST', path: '/api/v1/opinions',
		json: { channel: 'letter', unit_id: c.u, text: uniq('来信') } }) },
	'api GET /api/v1/opinions/:id': { req: c => ({ path: `/api/v1/opinions/${S.opinion[c.u].id}` }) },
	'api GET /api/v1/public/opinions/:code': { req: () => ({
		path: `/api/v1/public/opinions/${S.opinion[2].code}` }) },
	'api POST /api/v1/public/opinions/:code/rate': { rec: answered, req: c => ({ method: 'POST',
		path: `/api/v1/public/opinions/${c.rec.code}/rate`, json: { rating: 'satisfied' } }) },
	'api GET /api/v1/rates': { req: c => ({ path: q('/api/v1/rates', c.u) }) },
	'api GET /api/v1/rates/records': { req: c => ({ path: q(`/api/v1/rates/records?part=${PART}`, c.u) }) },
	'api GET /api/v1/rates/rules': { req: () => ({ path: '/api/v1/rates/rules' }) },
	'api PUT /api/v1/rates/rules': { req: () => ({ method: 'PUT', path: '/api/v1/rates/rules',
		json: S.rules }) },
	'api GET /api/v1/public/board': { req: () => ({ path: '/api/v1/public/board' }) },
	'api GET /api/v1/public/board/records': { req: () => ({
		path: `/api/v1/public/board/records?part=${PART}` }) },
	'api GET /api/v1/report': { req: c => ({ path: q('/api/v1/report', c.u) }) },
	'api GET /api/v1/export': { req: c => ({ path: q('/api/v1/export?format=csv', c.u) }) },
	'api POST /api/v1/import': { req: c => ({ method: 'POST', path: q('/api/v1/import', c.u),
		raw: csvRow(c.u, uniq('PMAPI-')), type: 'text/csv' }) },

	// ---- web pages
	'web GET /static/app.css': { req: () => ({ path: '/static/app.css' }) },
	'web GET /login': { req: () => ({ path: '/login' }) },
	'web POST /login': { rec: throwaway, req: c => ({ method: 'POST', path: '/login', session: c.rec,
		form: { login: 'pm.viewer', password: PW } }) },
	'web POST /logout': { rec: throwaway, req: c => ({ method: 'POST', path: '/logout', session: c.rec,
		form: {} }) },
	'web GET /lang': { req: () => ({ path: '/lang?to=zh' }) },
	'web GET /': { req: c => ({ path: q('/', c.u) }) },
	'web GET /items/new': { req: () => ({ path: '/items/new' }) },
	'web POST /items/new': { req: c => ({ method: 'POST', path: '/items/new', form: {
		title: uniq('网页问题'), kind: 'problem', source: 'self_inspection', mode: 'deadline',
		unit_id: c.u, found_on: '2024-03-15', due_on: DUE } }) },
	'web GET /items/:ref': { req: c => ({ path: `/items/${S.item[c.u].id}` }) },
	'web GET /items/:ref/edit': { req: c => ({ path: `/items/${S.item[c.u].id}/edit` }) },
	'web POST /items/:ref/edit': { rec: c => item(c.u), req: c => ({ method: 'POST',
		path: `/items/${c.rec.id}/edit`, form: { version: c.rec.version, title: uniq('网页改过') } }) },
	'web POST /items/:ref/measures': { rec: c => item(c.u), req: c => ({ method: 'POST',
		path: `/items/${c.rec.id}/measures`, form: { text: uniq('网页措施') } }) },
	'web POST /measures/:id': { rec: c => measure(c.u), req: c => ({ method: 'POST',
		path: `/measures/${c.rec.id}`, form: { status: 'open', evidence: uniq('网页佐证') } }) },
	'web GET /admin/units': { req: c => ({ path: `/admin/units?under=${c.u}` }) },
	'web POST /admin/units': { req: c => ({ method: 'POST', path: '/admin/units',
		form: { parent_id: c.u, kind: 'grid', name: uniq('网页网格') } }) },
	'web POST /admin/units/:id': { req: c => ({ method: 'POST', path: `/admin/units/${c.u}`, form: {
		name: UNIT_NAME[c.u], kind: UNIT_KIND[c.u], code: uniq('pm-web-'), active: '1' } }) },
	'web GET /admin/people': { req: c => ({ path: q('/admin/people', c.u) }) },
	'web POST /admin/people': { req: c => ({ method: 'POST', path: '/admin/people',
		form: { unit_id: c.u, name: uniq('网页人员'), title: '' } }) },
	'web POST /admin/accounts': { rec: c => person(c.u), req: c => ({ method: 'POST',
		path: '/admin/accounts', form: { person_id: c.rec.id, login: uniq('pm.web'), password: PW,
			lang: '' } }) },
	'web POST /admin/grants': { req: c => ({ method: 'POST', path: '/admin/grants',
		form: { account_id: S.subject[c.u].id, unit_id: c.u, role: 'handler' } }) },
	'web POST /admin/grants/:id/delete': { rec: c => grantToDelete(c.u), req: c => ({ method: 'POST',
		path: `/admin/grants/${c.rec.id}/delete`, form: {} }) },
	'web GET /admin/categories': { req: () => ({ path: '/admin/categories' }) },
	'web POST /admin/categories': { req: () => ({ method: 'POST', path: '/admin/categories',
		form: { code: uniq('pm-webcat-'), name: uniq('网页类别') } }) },
	'web GET /opinion': { req: () => ({ path: '/opinion' }) },
	// The public form takes five opinions per address in 15 minutes: each
	// cell comes from an address of its own (127.0.1.N).
	'web POST /opinion': { req: () => ({ method: 'POST', path: '/opinion', local: `127.0.1.${++seq % 250 + 1}`,
		form: { unit_id: 2, text: uniq('网上留言'), name: '', contact: '', website: '' } }) },
	'web GET /track': { req: () => ({ path: `/track?code=${S.opinion[2].code}` }) },
	'web POST /track/:code/rate': { rec: answered, req: c => ({ method: 'POST',
		path: `/track/${c.rec.code}/rate`, form: { rating: 'satisfied', comment: '' } }) },
	'web GET /opinions/new': { req: () => ({ path: '/opinions/new' }) },
	'web POST /opinions/new': { req: c => ({ method: 'POST', path: '/opinions/new', form: {
		channel: 'letter', received_on: '2024-03-15', unit_id: c.u, text: uniq('网页来信') } }) },
	'web GET /opinions/:id': { req: c => ({ path: `/opinions/${S.opinion[c.u].id}` }) },
	'web GET /board': { req: () => ({ path: '/board' }) },
	'web GET /board/records': { req: () => ({ path: `/board/records?part=${PART}` }) },
	'web GET /rates/records': { req: c => ({ path: q(`/rates/records?part=${PART}`, c.u) }) },
	'web GET /import': { req: () => ({ path: '/import' }) },
	'web POST /import': { req: c => ({ method: 'POST', path: '/import', multipart: { unit: c.u,
		file: { name: 'pm.csv', type: 'text/csv', data: csvRow(c.u, uniq('PMWEB-')) } } }) },

	// ---- Open311 (params: the query of a GET, the form of a POST)
	'open311 GET /open311/discovery.{fmt}': { req: () => ({ path: '/open311/discovery.json' }) },
	'open311 GET /open311/v2/discovery.{fmt}': { req: () => ({ path: '/open311/v2/discovery.json' }) },
	'open311 GET /open311/v2/services.{fmt}': { req: () => ({ path: '/open311/v2/services.json' }) },
	'open311 GET /open311/v2/services/:service_code.{fmt}': { req: () => ({
		path: '/open311/v2/services/pm-roads.json' }) },
	'open311 GET /open311/v2/requests.{fmt}': { req: () => ({ path: '/open311/v2/requests.json' }) },
	'open311 POST /open311/v2/requests.{fmt}': { req: c => ({ method: 'POST',
		path: '/open311/v2/requests.json', params: { service_code: 'pm-roads',
			description: uniq('平台转来的诉求'), address_string: '某路', 'attribute[unit]': c.u } }) },
	'open311 GET /open311/v2/requests/:service_request_id.{fmt}': { req: () => ({
		path: `/open311/v2/requests/${S.opinion[2].id}.json` }) },
	'open311 GET /open311/v2/tokens/:token.{fmt}': { req: c => ({
		path: `/open311/v2/tokens/${S.posted[c.u].token}.json` }) },
	'open311 GET /open311/v2/servicerequestupdates.{fmt}': { req: c => ({
		path: '/open311/v2/servicerequestupdates.json', params: { jurisdiction_id: c.u } }) },
	'open311 POST /open311/v2/servicerequestupdates.{fmt}': { req: c => ({ method: 'POST',
		path: '/open311/v2/servicerequestupdates.json', params: {
			service_request_id: S.posted[c.u].service_request_id, status: 'IN_PROGRESS',
			update_id: uniq('pm-update-'), description: '平台回访' } }) },
};
for (const [a, r] of Object.entries(itemActs)) {
	RECIPES[`api POST /api/v1/items/:ref/:action ${a}`] = { rec: r.rec, req: c => ({ method: 'POST',
		path: `/api/v1/items/${c.rec.id}/${a}`, json: r.body || {} }) };
	RECIPES[`web POST /items/:ref/act ${a}`] = { rec: r.rec, req: c => ({ method: 'POST',
		path: `/items/${c.rec.id}/act`, form: { action: a, ...(r.body || {}) } }) };
}
for (const [a, t] of Object.entries(triage)) {
	RECIPES[`api POST /api/v1/opinions/:id/${a}`] = { rec: c => opinion(c.u), req: c => ({
		method: 'POST', path: `/api/v1/opinions/${c.rec.id}/${a}`, json: val(t.json) }) };
	RECIPES[`web POST /opinions/:id/triage ${a}`] = { rec: c => opinion(c.u), req: c => ({
		method: 'POST', path: `/opinions/${c.rec.id}/triage`, form: { action: a, ...val(t.form) } }) };
}
// The lists, the rates, the report and the files of a unit: ?unit=.
for (const p of ['/items', '/responsibility', '/measures', '/opinions', '/rates', '/report',
	'/report.xlsx', '/items.xlsx', '/items.csv', '/measures.xlsx', '/measures.csv',
	'/responsibility.xlsx', '/responsibility.csv', '/opinions.xlsx', '/opinions.csv', '/ledger.xlsx'])
	RECIPES[`web GET ${p}`] = { req: c => ({ path: q(p, c.u) }) };

// ------------------------------------------------------------------ the matrix

function readMatrix() {
	const lines = fs.readFileSync(E.MATRIX, 'utf8').trim().split('\n');
	const head = lines[0].split('\t');
	return lines.slice(1).map(l => {
		const f = l.split('\t');
		const row = { surface: f[0], method: f[1], path: f[2], action: f[3] === '-' ? null : f[3],
			need: f[4], deny: Number(f[5]), cells: [] };
		row.key = `${row.surface} ${row.method} ${row.path}${row.action ? ' ' + row.action : ''}`;
		// as docs/security.md writes it: the action in the path, or the form field
		row.name = `${row.method} ${!row.action ? row.path : row.path.includes(':action')
			? row.path.replace(':action', row.action) : `${row.path} action=${row.action}`}`;
		row.root = row.need.endsWith('· root');
		for (let i = 6; i < f.length; i++) {
			if (f[i] === '-')
				continue;
			const [principal, pos] = head[i].split('@');
			row.cells.push({ row, principal, pos: pos || null, expect: f[i] === 'y' });
		}
		return row;
	});
}

// Who makes the cell's request and about which unit.
function place(c) {
	const r = c.row;
	c.u = r.root ? 1 : POS_UNIT[c.pos || 'at'];
	if (ROLES.includes(c.principal))
		c.actorKey = `${c.principal}@${r.root && c.pos === 'at' ? 'root' : 'T'}`;
}

// The request of a cell with its credentials.
function build(c) {
	const spec = RECIPES[c.row.key].req(c);
	const o = { method: spec.method || 'GET', path: spec.path, headers: {}, local: spec.local };
	const who = spec.session !== undefined ? spec.session : c.actorKey ? A[c.actorKey] : null;
	const surface = c.row.surface;
	if (surface === 'api') {
		Object.assign(o.headers, bearer(who && who.token));
		if (spec.json !== undefined)
			o.json = spec.json;
		else if (spec.raw !== undefined)
			Object.assign(o, { raw: spec.raw, type: spec.type });
	} else if (surface === 'web') {
		// Without a session, the pre-session double-submit token of the
		// public forms.
		const pre = 'pmpre' + 'y'.repeat(24);
		o.headers.cookie = who ? who.cookie : `qd_pre=${pre}`;
		const csrf = who ? who.csrf : pre;
		if (spec.form)
			o.form = { _csrf: csrf, ...spec.form };
		else if (spec.multipart)
			o.multipart = { _csrf: csrf, ...spec.multipart };
	} else {
		// Open311: staff logins are sent and count for nothing; the client
		// is its api_key.
		Object.assign(o.headers, bearer(who && who.token));
		const params = { ...(spec.params || {}) };
		if (c.principal === 'client')
			params.api_key = E.KEY_T;
		const qs = new URLSearchParams(params).toString();
		if (o.method === 'GET' && qs)
			o.path += (o.path.includes('?') ? '&' : '?') + qs;
		else if (o.method !== 'GET')
			o.form = params;
	}
	return o;
}

function allowedOk(c, r) {
	const s = c.row.surface;
	if (s === 'web')
		return r.status === 200 || (r.status === 303 && !/^\/login\?next=/.test(r.headers.location || ''));
	return r.status >= 200 && r.status < 300;
}

// The refusal a cell must get: {status, location?}.
function refusal(c) {
	const s = c.row.surface;
	if (c.principal === 'anonymous' && s === 'api')
		return { status: 401 };
	if (c.principal === 'anonymous' && s === 'web')
		return { status: 303, login: true };
	if (s === 'open311' && c.principal !== 'client')
		return { status: 403 };
	return { status: c.row.deny };
}

function deniedOk(c, r) {
	const want = refusal(c);
	if (r.status !== want.status)
		return false;
	return !want.login || /^\/login\?next=/.test(r.headers.location || '');
}

const clean = t => t.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ')
	.replace(/\s+/g, ' ').slice(0, 300);

// ------------------------------------------------------------------ run

let n = 0, failed = 0;
function tap(ok, label, diag = []) {
	n++;
	if (!ok)
		failed++;
	console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${label}`);
	for (const d of diag)
		for (const l of String(d).split('\n'))
			console.log(`#   ${l}`);
}

async function setup(rows) {
	SU = await token('admin');
	const roleLogins = [];
	for (const role of ROLES)
		roleLogins.push([`${role}@T`, `pm.${role}`], [`${role}@root`, `pg.${role}`]);
	await pool(roleLogins.map(([k, login]) => async () => {
		A[k] = { login, token: await token(login), ...(await webLogin(login)) };
	}), 2);
	// A web session records when it was last seen at most every 300 s of
	// the server's clock, which under QINGDAN_TODAY ticks a second per
	// reading: seen "later" than the run lasts, no such write lands among
	// the refused cells (which must commit nothing at all).
	await sql("UPDATE session SET last_seen = last_seen + 1000000 WHERE kind = 'session';");
	await must(request({ method: 'POST', path: '/api/v1/categories', headers: bearer(SU),
		json: { code: 'pm-roads', name: '道路' } }), 'category');
	S.rules = await must(request({ path: '/api/v1/rates/rules', headers: bearer(SU) }), 'rules');
	S.item = {}, S.opinion = {}, S.subject = {}, S.posted = {};
	S.closed = await item(2, 'closed');
	S.link = await item(2);
	const units = Object.values(POS_UNIT);
	await pool(units.map(u => async () => {
		S.item[u] = await item(u);
		S.opinion[u] = await opinion(u);
		S.subject[u] = await account(u);
		grantPool[u] = { next: 0, accounts: [] };
		for (let i = 0; i < 3; i++)
			grantPool[u].accounts.push(await account(u));
		// a request posted by the client of T where it may, else by the county's
		const key = u === 1 || u === 3 ? E.KEY_COUNTY : E.KEY_T;
		const r = await request({ method: 'POST', path: '/open311/v2/requests.json', form: {
			api_key: key, service_code: 'pm-roads', description: '转来的诉求', address_string: '某路',
			'attribute[unit]': u } });
		if (r.status !== 200)
			throw new Error(`set-up: open311 request at ${u}: ${r.status} ${r.text}`);
		S.posted[u] = JSON.parse(r.text)[0];
	}), 4);
	// one record per cell that needs one
	const tasks = [];
	for (const row of rows)
		for (const c of row.cells)
			if (RECIPES[row.key] && RECIPES[row.key].rec)
				tasks.push(async () => { c.rec = await RECIPES[row.key].rec(c); });
	await pool(tasks, 4);
	return tasks.length;
}

async function runCell(c) {
	const o = build(c);
	const before = c.expect ? null : await dbState();
	let r;
	try {
		r = await request(o);
	} catch (e) {
		r = { status: `error (${e.message})`, headers: {}, text: '' };
	}
	const who = `${c.principal}${c.pos ? ' · ' + c.pos : ''}`;
	const got = `${r.status}${r.status === 303 ? ' → ' + (r.headers.location || '') : ''}`;
	const label = `${c.row.name} · ${who} · expect ${c.expect ? 'allowed' : 'refused'} · got ${got}`;
	if (c.expect) {
		tap(allowedOk(c, r), label, allowedOk(c, r) ? [] : [`${o.method} ${o.path}`, clean(r.text)]);
		return;
	}
	const after = await dbState();
	const want = refusal(c);
	const diag = [];
	if (!deniedOk(c, r))
		diag.push(`expected ${want.status}${want.login ? ' → /login?next=…' : ''}`, `${o.method} ${o.path}`,
			clean(r.text));
	if (before[0] !== after[0] || before[1] !== after[1])
		diag.push(`the database changed: data_version ${before[0]} → ${after[0]}, events ${before[1]} → ${after[1]}`);
	tap(diag.length === 0, label + (before[0] === after[0] ? ', nothing changed' : ', CHANGED'), diag);
}

async function main() {
	const t0 = Date.now();
	const rows = readMatrix();
	for (const row of rows)
		for (const c of row.cells)
			place(c);
	const missing = rows.filter(r => !RECIPES[r.key]);
	for (const r of missing)
		tap(false, `${r.name}: the test has a request for this row`, [`no recipe '${r.key}' in perm_matrix.mjs`]);
	const known = rows.filter(r => RECIPES[r.key]);
	const nrec = await setup(known);
	const t1 = Date.now();
	console.log(`# set-up: ${nrec} records in ${((t1 - t0) / 1000).toFixed(1)} s`);
	let cells = 0, allowed = 0;
	for (const row of known) {
		// the refusals first, while the records are as made
		const order = [...row.cells.filter(c => !c.expect), ...row.cells.filter(c => c.expect)];
		for (const c of order) {
			cells++;
			allowed += c.expect;
			await runCell(c);
		}
	}
	const t2 = Date.now();
	console.log(`# ${rows.length} rows, ${cells} cells (${allowed} allowed, ${cells - allowed} refused) ` +
		`in ${((t2 - t1) / 1000).toFixed(1)} s`);
}

main().then(() => {
	fs.writeFileSync(E.COUNTS, `${n} ${failed}\n`);
	sq.stdin.end();
	agent.destroy();
}, e => {
	tap(false, 'the matrix runs to its end', [e.stack || e.message]);
	fs.writeFileSync(E.COUNTS, `${n} ${failed}\n`);
	sq.stdin.end();
	agent.destroy();
	process.exitCode = 1;
});
