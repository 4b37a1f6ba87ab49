// tests/browser/test_board.mjs BASE_URL - the public board (晒单) and the
// staff rates page in headless Chromium (Debian's /usr/bin/chromium driven
// by playwright-core).
//
// Run by tests/browser/run.sh after test_public.mjs, against the same demo
// county. Prints TAP. When the demo holds too few opinions for a ranking,
// a small set is entered first through the JSON API (三角城镇 and 西海镇:
// accepted, rejected, signed off, rated; names and phone numbers given).
// Then a person with no account opens /board: the counts, the four rates,
// the ranking (the unranked with the reason); follows 响应率's "计算方法"
// link and a part's count to /board/records, whose rows match the count;
// moves to the previous period. Screenshots of /board at 1280 and 375 px;
// no sideways scrolling at 375 px. county.leader opens 三率排名 (/rates),
// follows a part to /rates/records and an opinion from there. Every public
// page is scanned for the submitters' names and phone numbers (all of them,
// read through the staff API); no console errors or CSP violations.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { step, check, run } from './tap.mjs';

const BASE = (process.argv[2] || '').replace(/\/$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) {
	console.log('not ok 1 - usage: node test_board.mjs http://127.0.0.1:PORT');
	console.log('1..1');
	process.exit(1);
}
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SHOTS = process.env.SCREENSHOTS ?? join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'qingdan-demo';
const STEP_MS = 30000;
const SUITE_MS = 100000;
const ACTION_MS = 10000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

// ------------------------------------------------------------------ helpers

const consoleErrors = [];
const publicDocs = [];
const pending = [];
const S = {};

async function newContext(browser, { record = false } = {}) {
	const ctx = await browser.newContext({ locale: 'zh-CN', viewport: DESKTOP, baseURL: BASE });
	ctx.setDefaultTimeout(ACTION_MS);
	ctx.setDefaultNavigationTimeout(15000);
	ctx.on('page', (p) => watch(p));
	if (record)
		ctx.on('response', (r) => {
			if (r.request().resourceType() !== 'document') return;
			pending.push(
				r.text().then(
					(body) => publicDocs.push({ url: r.url(), body }),
					() => publicDocs.push({ url: r.url(), body: '' }),
				),
			);
		});
	return ctx;
}

function watch(page) {
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			consoleErrors.push(`${page.url()}: ${m.text()}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document' && !r.request().isNavigationRequest()
			&& !r.url().endsWith('/favicon.ico'))
			consoleErrors.push(`${page.url()}: ${r.request().resourceType()} ${r.url()} → ${r.status()}`);
	});
	page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
}

function path(page) {
	const u = new URL(page.url());
	return u.pathname;
}

async function mainText(page, max = 100000) {
	const t = await page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);
	return t.replace(/\s+/g, ' ').slice(0, max);
}

async function apiLogin(ctx, who) {
	const r = await ctx.request.post('/api/v1/login', { data: { login: who, password: PASSWORD } });
	check(r.status() === 200, `POST /api/v1/login as ${who}: ${r.status()} ${await r.text()}`);
	return (await r.json()).token;
}

async function api(ctx, token, method, url, data, want) {
	const r = await ctx.request.fetch(url, {
		method,
		headers: token ? { Authorization: `Bearer ${token}` } : {},
		...(data ? { data } : {}),
	});
	let body = null;
	try {
		body = await r.json();
	} catch {}
	if (want !== undefined)
		check(r.status() === want, `${method} ${url}: ${r.status()} ${JSON.stringify(body).slice(0, 300)}`);
	return { status: r.status(), body };
}

async function login(ctx, who) {
	const page = await ctx.newPage();
	await page.goto('/login');
	await page.locator('#f-login').fill(who);
	await page.locator('#f-password').fill(PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname !== '/login'),
		page.locator('main form button[type=submit]').first().click(),
	]);
	return page;
}

async function overflowX(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const wide = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 1 && r.width > 0 && !el.closest('.table-wrap')) {
				wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} right=${Math.round(r.right)}`);
				if (wide.length >= 5) break;
			}
		}
		return { scroll: document.documentElement.scrollWidth, width: w, wide };
	});
}

async function shoot(page, name, size) {
	if (!SHOTS) return;
	mkdirSync(SHOTS, { recursive: true });
	await page.setViewportSize(size);
	await page.evaluate(() => document.fonts.ready);
	const h = await page.evaluate(() => document.documentElement.scrollHeight);
	const max = process.env.SCREENSHOT_FULL ? h : size.width < 600 ? 2 * size.height : 2000;
	await page.screenshot({
		path: join(SHOTS, `${name}.png`),
		fullPage: true,
		clip: { x: 0, y: 0, width: size.width, height: Math.min(h, max) },
		animations: 'disabled',
	});
}

// ------------------------------------------------------------------ data

// Opinions entered when the demo has too few: [unit, channel, received_on,
// what happens, item title]. The period ends today (QINGDAN_TODAY).
function daysBefore(n) {
	const t = new Date(`${process.env.QINGDAN_TODAY || '2026-11-22'}T12:00:00Z`);
	t.setUTCDate(t.getUTCDate() - n);
	return t.toISOString().slice(0, 10);
}
const NAMES = ['晒单浏览器测试赵六', '晒单浏览器测试钱七'];
const PHONES = ['13700001111', '13700002222'];
// (Today, 2026-11-22, is a Sunday: received 2 to 4 days before is answered
// within 1 working day, 6 or more days before is late.)
const PLAN = [
	['sanjiao.handler', 2, 'phone', 3, 'resolved', 'satisfied', '三角城镇主街破损路面修补'],
	['sanjiao.handler', 2, 'letter', 3, 'resolved', 'basic', '三角城镇农贸市场排水沟疏通'],
	['sanjiao.handler', 2, 'visit', 2, 'resolved', null, '三角城镇公厕照明恢复'],
	['sanjiao.handler', 2, 'phone', 6, 'reviewed', 'satisfied', '三角城镇广场噪音研判'],
	['sanjiao.handler', 2, 'meeting', 2, 'reject', null, null],
	['sanjiao.handler', 2, 'survey', 1, 'pending', null, null],
	['xihai.handler', 3, 'phone', 4, 'resolved', 'satisfied', '西海镇幼儿园门口减速带'],
	['xihai.handler', 3, 'letter', 9, 'resolved', 'unsatisfied', '西海镇供暖管道维修'],
	['xihai.handler', 3, 'visit', 2, 'accept', null, '西海镇小区停车规划'],
	['xihai.handler', 3, 'phone', 5, 'pending', null, null],
	['xihai.handler', 3, 'web', 1, 'pending', null, null],
];

async function enterOpinions(ctx) {
	const tokens = {};
	for (const who of ['sanjiao.handler', 'xihai.handler', 'county.leader']) tokens[who] = await apiLogin(ctx, who);
	let i = 0;
	for (const [who, unit, channel, back, outcome, rating, title] of PLAN) {
		const t = tokens[who];
		const body = {
			channel, unit_id: unit, received_on: daysBefore(back),
			text: `晒单浏览器测试的诉求内容（第${i + 1}条）`,
		};
		if (i < 2) Object.assign(body, { submitter_name: NAMES[i], submitter_contact: PHONES[i] });
		i++;
		const o = (await api(ctx, t, 'POST', '/api/v1/opinions', body, 201)).body;
		if (outcome === 'pending') continue;
		if (outcome === 'reject') {
			await api(ctx, t, 'POST', `/api/v1/opinions/${o.id}/reject`, { reason: '不属于本镇职责，已告知向县直部门反映' }, 200);
			continue;
		}
		const acc = (await api(ctx, t, 'POST', `/api/v1/opinions/${o.id}/accept`,
			{ title, mode: 'deadline', due_on: daysBefore(-30) }, 200)).body;
		if (outcome === 'accept') continue;
		const item = acc.item_id;
		await api(ctx, t, 'POST', `/api/v1/items/${item}/start`, null, 200);
		await api(ctx, t, 'POST', `/api/v1/items/${item}/request_signoff`, null, 200);
		await api(ctx, tokens['county.leader'], 'POST', `/api/v1/items/${item}/signoff`,
			{ closure: outcome, reason: '经现场核查已办结' }, 200);
		if (rating)
			await api(ctx, null, 'POST', `/api/v1/public/opinions/${o.code}/rate`,
				rating === 'unsatisfied' ? { rating, comment: '供暖仍然不热' } : { rating }, 200);
	}
}

// ------------------------------------------------------------------ steps

step('the board has opinions to show (entered through the API when the demo has too few)', async () => {
	S.staff = await newContext(S.browser);
	let b = await api(S.staff, null, 'GET', '/api/v1/public/board', null, 200);
	const ranked = b.body.children.filter((c) => c.ranked).length;
	console.log(`# demo board: ${b.body.counts.received} opinions received, ${ranked} units ranked`);
	if (ranked < 2 || b.body.resolved.items.length === 0) {
		await enterOpinions(S.staff);
		b = await api(S.staff, null, 'GET', '/api/v1/public/board', null, 200);
		console.log(`# entered ${PLAN.length}: ${b.body.counts.received} received now`);
	}
	S.board = b.body;
	check(S.board.children.filter((c) => c.ranked).length >= 2, 'fewer than two units ranked');
	check(S.board.resolved.items.length > 0, 'nothing resolved');
	// Every submitter's name and contact, as handling staff see them.
	const t = await apiLogin(S.staff, 'county.leader');
	S.personal = new Set([...NAMES, ...PHONES]);
	for (let off = 0; off < 2000; off += 200) {
		const r = await api(S.staff, t, 'GET', `/api/v1/opinions?unit=1&limit=200&offset=${off}`, null, 200);
		for (const o of r.body.opinions)
			for (const v of [o.submitter_name, o.submitter_contact]) if (v && v.length >= 2) S.personal.add(v);
		if (!r.body.has_more) break;
	}
	console.log(`# ${S.personal.size} names and contacts to look for`);
});

step('a person with no account opens /board: counts, the four rates and the ranking', async () => {
	S.pub = await newContext(S.browser, { record: true });
	const page = await S.pub.newPage();
	S.page = page;
	const resp = await page.goto('/board');
	check(resp.status() === 200, `GET /board: ${resp.status()}`);
	check((await page.locator('header nav').count()) === 0, 'the board shows the staff navigation');
	const h1 = await page.locator('main h1').textContent();
	check(h1.includes('晒单') && h1.includes(S.board.unit.name), `heading: ${h1}`);
	check((await page.locator('#cnt-received .n').textContent()).trim() === String(S.board.counts.received),
		'the count received differs from the JSON');
	for (const [code, label] of [['response', '响应率'], ['resolution', '解决率'], ['satisfaction', '满意率'], ['redo', '重办率']]) {
		const card = page.locator(`#rate-${code}`);
		check((await card.count()) === 1, `no card for ${label}`);
		const text = (await card.innerText()).replace(/\s+/g, ' ');
		const pct = S.board.rates.rates[code].percent;
		const shown = (await card.locator('.n').textContent()).trim();
		const ok = pct === null ? shown === '—'
			: /^\d+\.\d%$/.test(shown) && Math.abs(parseFloat(shown) - pct) <= 0.051;
		check(text.includes(label) && ok, `${label} card "${text}": JSON says ${pct}`);
	}
	const rows = page.locator('table.ranking tbody tr');
	const ranked = S.board.children.filter((c) => c.ranked);
	check((await rows.count()) === ranked.length, `${await rows.count()} ranked rows, JSON has ${ranked.length}`);
	check((await rows.first().locator('th').innerText()).includes(ranked[0].unit.name), 'the first row is not the best unit');
	const unranked = S.board.children.filter((c) => !c.ranked);
	if (unranked.length) {
		const text = await page.locator('ul.unranked').innerText();
		const min = S.board.rules.min_count;
		check(text.includes(`意见数不足 ${min} 条，不参与排名`), `no reason for the unranked units: ${text.slice(0, 200)}`);
	}
	check((await page.locator('table.resolved tbody tr').count()) > 0, 'no resolved matters listed');
	await shoot(page, 'board-desktop', DESKTOP);
	await page.setViewportSize(PHONE);
	const o = await overflowX(page);
	await shoot(page, 'board-phone', PHONE);
	await page.setViewportSize(DESKTOP);
	check(o.scroll <= o.width, `/board scrolls sideways at 375 px: ${o.scroll} > ${o.width}; ${o.wide.join(', ')}`);
});

step('响应率 "计算方法" leads to how it is computed, and a part\'s count to its records', async () => {
	const page = S.page;
	await page.locator('#rate-response a.how-link').click();
	await page.waitForURL((u) => u.hash === '#how-response');
	const how = page.locator('#how-response');
	check(await how.isVisible(), 'the explanation is not shown');
	const text = await how.innerText();
	for (const w of ['分子', '分母', '不计入', '得分曲线', '综合得分中的权重', '时限内首次响应'])
		check(text.includes(w), `the explanation lacks ${w}`);
	const link = how.locator('td a[href^="/board/records"]').first();
	check((await link.count()) === 1, 'no part of the response rate has records');
	const n = Number((await link.textContent()).trim());
	await Promise.all([page.waitForURL((u) => u.pathname === '/board/records'), link.click()]);
	check((await page.locator('#part-count').textContent()).includes(String(n)), 'the records page does not repeat the count');
	const heads = await page.locator('table.records thead th').allInnerTexts();
	check(heads.join('|') === '收到日期|单位|状态|事项|群众评价', `columns: ${heads.join('|')}`);
	const rows = await page.locator('table.records tbody tr').count();
	check(rows === Math.min(n, 20), `${rows} rows for a count of ${n}`);
	await page.setViewportSize(PHONE);
	const o = await overflowX(page);
	await page.setViewportSize(DESKTOP);
	check(o.scroll <= o.width, `/board/records scrolls sideways at 375 px: ${o.scroll} > ${o.width}; ${o.wide.join(', ')}`);
	await Promise.all([page.waitForURL((u) => u.pathname === '/board'), page.getByRole('link', { name: /返回计算方法/ }).click()]);
}, ['a person with no account opens /board: counts, the four rates and the ranking']);

step('the previous two months, and the period picker', async () => {
	const page = S.page;
	await page.goto('/board');
	await Promise.all([page.waitForURL((u) => u.searchParams.has('from')), page.getByRole('link', { name: /上两个月/ }).click()]);
	const u = new URL(page.url());
	check(u.searchParams.get('to') < S.board.from, `the previous period ends ${u.searchParams.get('to')}, not before ${S.board.from}`);
	check((await page.locator('#period').innerText()).includes(u.searchParams.get('from')), 'the period line does not show it');
	await page.locator('#f-per-from').fill(S.board.from);
	await page.locator('#f-per-to').fill(S.board.to);
	await Promise.all([page.waitForURL((x) => x.searchParams.get('to') === S.board.to), page.locator('form.period-pick button').click()]);
	check((await page.locator('#cnt-received .n').textContent()).trim() === String(S.board.counts.received), 'the picked period shows other counts');
	const resp = await page.goto('/board?from=2026-13-01');
	check(resp.status() === 400, `a bad date: ${resp.status()}`);
}, ['a person with no account opens /board: counts, the four rates and the ranking']);

step('county.leader opens 三率排名 and drills down to an opinion', async () => {
	const ctx = await newContext(S.browser);
	const page = await login(ctx, 'county.leader');
	await Promise.all([page.waitForURL((u) => u.pathname === '/rates'), page.getByRole('link', { name: '三率排名' }).click()]);
	const text = await mainText(page);
	check(text.includes('三率排名') && text.includes('下级单位排名'), `the rates page: ${text.slice(0, 300)}`);
	check((await page.locator('table.ranking tbody tr').count()) >= 2, 'no ranking');
	const link = page.locator('#how-resolution td a[href^="/rates/records"]').first();
	check((await link.count()) === 1, 'no records behind the resolution rate');
	await Promise.all([page.waitForURL((u) => u.pathname === '/rates/records'), link.click()]);
	const op = page.locator('table.records tbody a[href^="/opinions/"]').first();
	check((await op.count()) === 1, 'the records do not link to opinions');
	await Promise.all([page.waitForURL((u) => /^\/opinions\/\d+$/.test(u.pathname)), op.click()]);
	check((await mainText(page)).includes('群众诉求详情'), 'not the opinion page');
}, ['the board has opinions to show (entered through the API when the demo has too few)']);

step('no public page carries a name or a phone number', async () => {
	await Promise.all(pending);
	check(publicDocs.length >= 5, `only ${publicDocs.length} public pages recorded`);
	check(publicDocs.some((d) => d.body.includes('计算方法')), 'the scan saw nothing');
	const bad = [];
	for (const d of publicDocs) for (const v of S.personal) if (d.body.includes(v)) bad.push(`${v} on ${d.url}`);
	check(bad.length === 0, `personal data: ${bad.slice(0, 5).join('; ')}`);
	console.log(`# scanned ${publicDocs.length} public pages for ${S.personal.size} names and contacts`);
}, ['the previous two months, and the period picker']);

step('no script errors or CSP violations on any page visited', async () => {
	const uniq = [...new Set(consoleErrors)];
	check(uniq.length === 0, `console errors:\n${uniq.slice(0, 20).join('\n')}`);
});

run('test_board ' + BASE, { stepMs: STEP_MS, suiteMs: SUITE_MS, setup: async (browser) => {
		S.browser = browser;
	} });
