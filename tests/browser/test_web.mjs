// tests/browser/test_web.mjs BASE_URL - qingdan's web pages in headless
// Chromium (Debian's /usr/bin/chromium driven by playwright-core).
//
// Run by tests/browser/run.sh against the demo county (QINGDAN_TODAY fixed).
// Prints TAP: "ok N - ...", "not ok N - ..." and the plan "1..N" at the end.
// Every step has its own time limit and the whole program has one too; a
// step that needs an earlier one that failed fails as "not run".
//
// Screenshots of the dashboard, the problem list and an item page at desktop
// and phone widths go to $SCREENSHOTS (docs/screenshots by default; empty:
// none), cut at 2000 px (desktop) or two screens (phone) unless
// SCREENSHOT_FULL is set.

import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = (process.argv[2] || '').replace(/\/$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) {
	console.log('not ok 1 - usage: node test_web.mjs http://127.0.0.1:PORT');
	console.log('1..1');
	process.exit(1);
}
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SHOTS = process.env.SCREENSHOTS ?? join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'qingdan-demo';
const STEP_MS = 30000; // one step
const SUITE_MS = 110000; // everything (run.sh kills node at 150 s)
const ACTION_MS = 10000; // one click, fill or wait
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const XSS = '<script>alert(1)</script>';

// ------------------------------------------------------------------ TAP

import { step, check, Fail, passed, run } from './tap.mjs';

// ------------------------------------------------------------------ helpers

// English strings of the message tables: none may show on a Chinese page.
function englishMessages() {
	const dir = join(ROOT, 'src', 'web', 'msg');
	const out = new Map();
	let files = [];
	try {
		files = readdirSync(dir).filter((f) => f.endsWith('.def'));
	} catch {
		return out;
	}
	const re = /^X\((M_\w+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)/;
	for (const f of files) {
		for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
			const m = re.exec(line.trim());
			if (!m || m[1] === 'M_LANG_SWITCH') continue;
			const en = m[3].replace(/\\(.)/g, '$1').trim();
			// Only strings that cannot be a coincidence: two words or more,
			// letters only, and not the same in both languages.
			if (en === m[2].trim() || !/^[A-Za-z][A-Za-z ,;.'()-]*$/.test(en)) continue;
			if (en.split(/\s+/).length < 2) continue;
			out.set(en, `${m[1]} (${f})`);
		}
	}
	return out;
}
const ENGLISH = englishMessages();

async function englishOnPage(page) {
	const text = await page.evaluate(() => document.body.innerText);
	const found = [];
	for (const [en, id] of ENGLISH) if (text.includes(en)) found.push(`"${en}" = ${id}`);
	return found;
}

const consoleErrors = []; // CSP violations, failed loads, script errors
const dialogs = []; // must stay empty

async function newContext(browser, { locale = 'zh-CN', viewport = DESKTOP, bypassCSP = false } = {}) {
	const ctx = await browser.newContext({ locale, viewport, bypassCSP, baseURL: BASE });
	ctx.setDefaultTimeout(ACTION_MS);
	ctx.setDefaultNavigationTimeout(15000);
	ctx.on('page', (p) => watch(p));
	return ctx;
}

function watch(page) {
	page.on('dialog', async (d) => {
		dialogs.push(`${d.type()} "${d.message()}" on ${page.url()}`);
		await d.dismiss().catch(() => {});
	});
	// A page's own status is checked by the steps; here: script errors, CSP
	// violations and sub-resources (style sheet, images) that fail to load.
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			consoleErrors.push(`${page.url()}: ${m.text()}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document' && !r.request().isNavigationRequest()
			&& r.request().resourceType() !== 'fetch')
			consoleErrors.push(`${page.url()}: ${r.request().resourceType()} ${r.url()} → ${r.status()}`);
	});
	page.on('requestfailed', (r) => {
		if (r.resourceType() !== 'document')
			consoleErrors.push(`${page.url()}: ${r.resourceType()} ${r.url()} failed: ${r.failure()?.errorText}`);
	});
	page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
}

function path(page) {
	return new URL(page.url()).pathname;
}

// Log in through the form; returns the page (on the dashboard).
async function login(ctx, who, { next } = {}) {
	const page = await ctx.newPage();
	const resp = await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
	check(resp && resp.status() === 200, `GET /login: status ${resp && resp.status()}`);
	await page.locator('#f-login').fill(who);
	await page.locator('#f-password').fill(PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname !== '/login'),
		page.locator('main form button[type=submit]').first().click(),
	]);
	return page;
}

async function htmlSnippet(page, max = 1500) {
	const t = await page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);
	return t.replace(/\s+/g, ' ').slice(0, max);
}

// Visible buttons of a page, for diagnostics.
async function buttonsOf(page) {
	return page.evaluate(() =>
		[...document.querySelectorAll('main button, main input[type=submit]')].map(
			(b) => `${b.textContent.trim() || b.value} [form ${b.form?.getAttribute('action') ?? '-'}]`,
		),
	);
}

// The figures of the dashboard: label -> number.
async function dashCards(page) {
	return page.evaluate(() => {
		const out = {};
		for (const c of document.querySelectorAll('.cards .card')) {
			const l = c.querySelector('.l')?.textContent.trim();
			const v = c.querySelector('.n')?.textContent.trim();
			if (l) out[l] = v;
		}
		return out;
	});
}

// The row of a unit in the dashboard's progress table: cells as text.
async function unitRow(page, unitId) {
	return page.evaluate((id) => {
		const a = document.querySelector(`main table a[href="/?unit=${id}"]`);
		const tr = a?.closest('tr');
		return tr ? [...tr.cells].map((c) => c.textContent.trim()) : null;
	}, unitId);
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
	// The whole page, cut at two phone screens or 2000 desktop pixels
	// (SCREENSHOT_FULL=1: uncut, for looking at the whole page).
	const h = await page.evaluate(() => document.documentElement.scrollHeight);
	const max = process.env.SCREENSHOT_FULL ? h : size.width < 600 ? 2 * size.height : 2000;
	await page.screenshot({
		path: join(SHOTS, `${name}.png`),
		fullPage: true,
		clip: { x: 0, y: 0, width: size.width, height: Math.min(h, max) },
		animations: 'disabled',
	});
}

// Take desktop and phone screenshots of the page now shown and check that
// the phone width does not scroll sideways.
async function shootBoth(page, name) {
	await shoot(page, `${name}-desktop`, DESKTOP);
	await page.setViewportSize(PHONE);
	const o = await overflowX(page);
	await shoot(page, `${name}-phone`, PHONE);
	await page.setViewportSize(DESKTOP);
	return o;
}

// A JSON API session (for set-up and for checking the records behind a page).
async function apiLogin(ctx, who) {
	const r = await ctx.request.post('/api/v1/login', { data: { login: who, password: PASSWORD } });
	check(r.status() === 200, `POST /api/v1/login as ${who}: ${r.status()} ${await r.text()}`);
	return (await r.json()).token;
}
async function api(ctx, token, method, url, data) {
	const r = await ctx.request.fetch(url, {
		method,
		headers: { Authorization: `Bearer ${token}` },
		...(data ? { data } : {}),
	});
	let body = null;
	try {
		body = await r.json();
	} catch {}
	return { status: r.status(), body };
}

// Click a submit button and wait for the page the server answers with
// (after its redirect). Fails on an error status.
async function submit(page, button) {
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
		button.click(),
	]);
	const st = resp ? resp.status() : 0;
	if (st >= 400) throw new Fail(`${new URL(page.url()).pathname} answered ${st}: ${await htmlSnippet(page, 400)}`);
	return resp;
}

// Find a submit button on an item page by its label.
function actionButton(page, re) {
	return page.locator('main form').getByRole('button', { name: re });
}

// ------------------------------------------------------------------ state

const S = {}; // shared between steps

// ------------------------------------------------------------------ steps

step('login page is in Chinese (html lang=zh-CN, Chinese heading)', async () => {
	const page = await S.zh.newPage();
	await page.goto('/login');
	const lang = await page.getAttribute('html', 'lang');
	check(lang === 'zh-CN', `html lang is ${lang}`);
	const h1 = (await page.locator('h1').first().textContent()).trim();
	check(/[\u4e00-\u9fff]/.test(h1), `heading "${h1}" has no Chinese`);
	check(h1 === '登录清单系统', `heading is "${h1}", expected 登录清单系统`);
	const labels = await page.locator('label').allTextContents();
	check(labels.some((l) => l.includes('用户名')) && labels.some((l) => l.includes('密码')),
		`labels: ${labels.join(' | ')}`);
	const en = await englishOnPage(page);
	check(en.length === 0, `English on the Chinese login page: ${en.join('; ')}`);
	await page.close();
});

step('a wrong password shows an error and stays on /login', async () => {
	const page = await S.zh.newPage();
	await page.goto('/login');
	await page.locator('#f-login').fill('viewer');
	await page.locator('#f-password').fill('not-the-password');
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForLoadState('domcontentloaded');
	check(path(page) === '/login', `now on ${page.url()}`);
	const alert = page.getByRole('alert');
	await alert.waitFor();
	const t = (await alert.textContent()).trim();
	check(t.includes('用户名或密码错误'), `alert says "${t}"`);
	check((await page.locator('#f-login').inputValue()) === 'viewer', 'the login name was not kept');
	const cookies = await S.zh.cookies();
	check(!cookies.some((c) => c.name === 'qd_session'), 'a session cookie was set');
	await page.close();
});

step('county.leader logs in through the form and lands on the dashboard', async () => {
	S.county = await newContext(S.browser);
	const page = await login(S.county, 'county.leader');
	S.countyPage = page;
	check(path(page) === '/', `after login: ${page.url()}`);
	check((await page.getAttribute('html', 'lang')) === 'zh-CN', 'html lang is not zh-CN');
	const h1 = (await page.locator('h1').textContent()).trim();
	check(h1.includes('挂图作战') && h1.includes('海晏县'), `heading "${h1}"`);
	const cookie = (await S.county.cookies()).find((c) => c.name === 'qd_session');
	check(cookie && cookie.httpOnly && ['Lax', 'Strict'].includes(cookie.sameSite),
		`session cookie ${JSON.stringify(cookie)}`);
});

step('the dashboard shows figures and a progress table per unit', async () => {
	const page = S.countyPage;
	const cards = await dashCards(page);
	const want = ['发现问题', '整改中', '已销号', '已解决', '超期未办结', '按期销号率'];
	for (const w of want) check(w in cards, `no card "${w}"; cards: ${JSON.stringify(cards)}`);
	for (const w of want.slice(0, 5))
		check(/^\d+$/.test(cards[w]), `card ${w} = "${cards[w]}" is not a number`);
	check(Number(cards['发现问题']) > 0, 'the demo county has no items');
	S.cardsBefore = cards;
	const row = await unitRow(page, 2);
	check(row && row[0].includes('三角城镇'), `no row for 三角城镇 (/?unit=2): ${JSON.stringify(row)}`);
	S.rowBefore = row;
	const rows = await page.locator('main table').first().locator('tbody tr').count();
	check(rows >= 6, `only ${rows} rows in the unit table`);
	const bars = await page.locator('main table svg.bar').count();
	check(bars === rows, `${bars} bars for ${rows} rows`);
	const en = await englishOnPage(page);
	check(en.length === 0, `English on the Chinese dashboard: ${en.join('; ')}`);
	// drill down into the township
	await page.locator('main table a[href="/?unit=2"]').click();
	await page.waitForURL((u) => u.search === '?unit=2');
	const h1 = (await page.locator('h1').textContent()).trim();
	check(h1.includes('三角城镇'), `drill-down heading "${h1}"`);
	const c2 = await dashCards(page);
	check(c2['发现问题'] === row[1], `township card 发现问题 ${c2['发现问题']} ≠ row ${row[1]}`);
	await page.goto('/');
}, ['county.leader logs in through the form and lands on the dashboard']);

// Screenshots of the dashboard and the list first, while the demo county
// is as built (the item page is taken after the flow, below).
step('screenshots: dashboard at 1280 and 375 px, no sideways scrolling on the phone', async () => {
	const page = S.countyPage;
	await page.goto('/');
	const o = await shootBoth(page, 'dashboard');
	check(o.scroll <= o.width, `at 375 px the page is ${o.scroll} px wide: ${o.wide.join(', ')}`);
}, ['county.leader logs in through the form and lands on the dashboard']);

step('screenshots: problem list (/items) at 1280 and 375 px, no sideways scrolling on the phone', async () => {
	const page = S.countyPage;
	const r = await page.goto('/items?unit=2');
	check(r.status() === 200, `GET /items?unit=2: ${r.status()}`);
	const rows = await page.locator('main table tbody tr').count();
	check(rows > 0, 'the list has no rows');
	const o = await shootBoth(page, 'items');
	check(o.scroll <= o.width, `at 375 px the page is ${o.scroll} px wide: ${o.wide.join(', ')}`);
	const en = await englishOnPage(page);
	check(en.length === 0, `English on the Chinese problem list: ${en.join('; ')}`);
}, ['county.leader logs in through the form and lands on the dashboard']);

step('Accept-Language en shows English (login heading "Log in to qingdan")', async () => {
	const ctx = await newContext(S.browser, { locale: 'en-US' });
	try {
		const page = await ctx.newPage();
		await page.goto('/login');
		check((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not en');
		const h1 = (await page.locator('h1').textContent()).trim();
		check(h1 === 'Log in to qingdan', `heading "${h1}"`);
		await page.locator('#f-login').fill('viewer');
		await page.locator('#f-password').fill(PASSWORD);
		await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Log in' }).click()]);
		const h = (await page.locator('h1').textContent()).trim();
		check(/Dashboard/.test(h), `English dashboard heading "${h}"`);
		const cards = await dashCards(page);
		check('Signed off' in cards, `English cards: ${JSON.stringify(cards)}`);
		const zh = await page.evaluate(() => (document.querySelector('nav')?.innerText ?? '').match(/[\u4e00-\u9fff]+/g));
		check(!zh, `Chinese in the English navigation: ${zh}`);
	} finally {
		await ctx.close();
	}
});

step('a form posted without its CSRF token is refused (403) and changes nothing', async () => {
	const ctx = await newContext(S.browser);
	try {
		const page = await login(ctx, 'sanjiao.handler');
		const title = '跨站请求伪造测试 CSRF-' + Date.now();
		// 1. the page's own log-out form with its token field removed
		await page.goto('/');
		const form = page.locator('header form[action="/logout"]');
		await form.evaluate((f) => f.querySelector('input[name=_csrf]').remove());
		const [r1] = await Promise.all([
			page.waitForResponse((r) => new URL(r.url()).pathname === '/logout'),
			form.getByRole('button').click(),
		]);
		check(r1.status() === 403, `the log-out form without _csrf: ${r1.status()}`);
		await page.waitForLoadState('domcontentloaded');
		const refusal = await htmlSnippet(page, 300);
		check(/[\u4e00-\u9fff]/.test(refusal), `the refusal page is not in Chinese: ${refusal}`);
		// 2. a wrong token
		const r2 = await page.request.post('/logout', { form: { _csrf: '0'.repeat(32) }, maxRedirects: 0 });
		check(r2.status() === 403, `POST /logout with a wrong _csrf: ${r2.status()}`);
		await page.goto('/');
		check(path(page) === '/', `still logged in? now on ${page.url()}`);
		// 3. a new item without _csrf
		const r3 = await page.request.post('/items/new', {
			form: { title, unit_id: '2', source: 'opinion', mode: 'deadline', due_on: '2026-12-31', detail: 'x' },
			maxRedirects: 0,
		});
		check(r3.status() === 403, `POST /items/new without _csrf: ${r3.status()}`);
		const body = await r3.text();
		check(!body.includes(title), 'the refusal page echoes the title');
		const token = await apiLogin(ctx, 'sanjiao.handler');
		const l = await api(ctx, token, 'GET', `/api/v1/items?unit=2&q=${encodeURIComponent('CSRF-')}`);
		check(l.status === 200 && l.body.items.every((it) => it.title !== title), `the item was created: ${JSON.stringify(l.body)}`);
		// and the same log-out button with its token works
		await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByRole('button', { name: '退出' }).click()]);
		await page.goto('/');
		check(path(page) === '/login', `after logging out, / shows ${page.url()}`);
	} finally {
		await ctx.close();
	}
});

step(`a title containing ${XSS} shows as text and runs nothing`, async () => {
	// CSP is bypassed in this context so that an injected script would run.
	const ctx = await newContext(S.browser, { bypassCSP: true });
	try {
		const page = await login(ctx, 'sanjiao.handler');
		const title = `路灯测试 ${XSS} "引号" & <b>粗体</b>`;
		let ref = null;
		const form = await page.goto('/items/new');
		if (form.status() === 200 && (await page.locator('#f-title').count()) === 1) {
			await page.locator('#f-title').fill(title);
			await fillNewItem(page);
			await Promise.all([
				page.waitForURL((u) => /^\/items\/[^/]+$/.test(u.pathname) && u.pathname !== '/items/new'),
				page.locator('main form').last().locator('button[type=submit]').last().click(),
			]);
			ref = decodeURIComponent(path(page).split('/')[2]);
		} else {
			console.log(`# /items/new: ${form.status()}; creating the item with the JSON API`);
			const token = await apiLogin(ctx, 'sanjiao.handler');
			const r = await api(ctx, token, 'POST', '/api/v1/items', {
				source: 'opinion', title, unit_id: 2, mode: 'deadline', due_working_days: 10,
			});
			check(r.status === 201, `POST /api/v1/items: ${r.status} ${JSON.stringify(r.body)}`);
			ref = r.body.ext_id;
		}
		S.xssRef = ref;
		const resp = await page.goto(`/items/${encodeURIComponent(ref)}`);
		check(resp.status() === 200, `GET /items/${ref}: ${resp.status()} ${await htmlSnippet(page, 300)}`);
		const text = await page.evaluate(() => document.querySelector('main').innerText);
		check(text.includes(title), `the page text does not contain the title as typed: ${text.slice(0, 400)}`);
		const injected = await page.evaluate(() => ({
			scripts: document.querySelectorAll('script').length,
			bold: [...document.querySelectorAll('main b')].filter((b) => b.textContent === '粗体').length,
		}));
		check(injected.scripts === 0 && injected.bold === 0, `markup from the title became elements: ${JSON.stringify(injected)}`);
		const html = await page.content();
		check(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the title is not escaped in the HTML');
		// the problem list shows it as text too
		const l = await page.goto(`/items?q=${encodeURIComponent('路灯测试')}`);
		check(l.status() === 200, `GET /items?q=路灯测试: ${l.status()}`);
		const lt = await page.evaluate(() => document.querySelector('main').innerText);
		check(lt.includes(title), `the list does not show the title as text: ${lt.slice(0, 400)}`);
		check((await page.evaluate(() => document.querySelectorAll('script').length)) === 0, 'a script element on the list');
		await page.waitForTimeout(200);
		check(dialogs.length === 0, `a dialog opened: ${dialogs.join('; ')}`);
	} finally {
		await ctx.close();
	}
});

step('the new-item form refuses a missing title beside the field, keeps the input and saves nothing', async () => {
	const ctx = await newContext(S.browser);
	try {
		const page = await login(ctx, 'sanjiao.handler');
		const r0 = await page.goto('/items/new');
		check(r0.status() === 200 && (await page.locator('#f-title').count()) === 1, `GET /items/new: ${r0.status()}`);
		const detail = '没有标题的问题（浏览器测试）';
		await fillNewItem(page, detail);
		// the browser would stop an empty required field: let the server judge
		await page.evaluate(() => document.querySelectorAll('main form').forEach((f) => (f.noValidate = true)));
		const token = await apiLogin(ctx, 'sanjiao.handler');
		const before = await api(ctx, token, 'GET', '/api/v1/stats?unit=2');
		const [resp] = await Promise.all([
			page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
			page.locator('main form').last().locator('button[type=submit]').last().click(),
		]);
		check(resp.status() >= 400 && resp.status() < 500, `status ${resp.status()} for a form without a title`);
		check(path(page) === '/items/new', `now on ${page.url()}`);
		check((await page.locator('#f-title').getAttribute('aria-invalid')) === 'true', '#f-title is not marked invalid');
		const msg = page.locator('#e-title');
		check((await msg.count()) === 1 && /[\u4e00-\u9fff]/.test(await msg.textContent()),
			`no Chinese message beside the title (#e-title): ${await htmlSnippet(page, 300)}`);
		check((await page.locator('#f-detail').inputValue()) === detail, 'the description typed was not kept');
		const after = await api(ctx, token, 'GET', '/api/v1/stats?unit=2');
		check(JSON.stringify(after.body?.items) === JSON.stringify(before.body?.items), 'the item count changed');
	} finally {
		await ctx.close();
	}
});

// Fill the new-item form's required fields other than the title with valid
// values: township 2, a deadline a month ahead, the first choice of each
// required select that has no value yet.
async function fillNewItem(page, detail = '浏览器测试录入的问题。') {
	const f = page.locator('main');
	const setIf = async (sel, fn) => {
		if ((await f.locator(sel).count()) > 0) await fn(f.locator(sel).first());
	};
	await setIf('select#f-unit_id', async (s) => s.selectOption('2'));
	await setIf('input#f-unit_id', async (s) => s.fill('2'));
	await setIf('select#f-source', async (s) => s.selectOption('opinion'));
	await setIf('select#f-mode', async (s) => s.selectOption('deadline'));
	await setIf('#f-detail', async (s) => s.fill(detail));
	await setIf('#f-due_on', async (s) => s.fill('2026-12-31'));
	await setIf('#f-due_working_days', async (s) => s.fill(''));
	// any other required select still empty: its first real choice
	for (const s of await f.locator('select[required]').all()) {
		if ((await s.inputValue()) === '') {
			const v = await s.locator('option').evaluateAll((os) => os.map((o) => o.value).find((x) => x));
			if (v) await s.selectOption(v);
		}
	}
}

// ---------------------------------------------------- the full flow

const FLOW_TITLE = '建议早上路灯照明时间提前，方便学生上学（浏览器测试）';

step('sanjiao.handler creates a problem with the new-item form', async () => {
	S.handler = await newContext(S.browser);
	const page = await login(S.handler, 'sanjiao.handler');
	S.hPage = page;
	await page.getByRole('link', { name: '新建事项' }).click();
	await page.waitForURL((u) => u.pathname === '/items/new');
	check((await page.locator('#f-title').count()) === 1, `no #f-title on /items/new: ${await htmlSnippet(page, 300)}`);
	await page.locator('#f-title').fill(FLOW_TITLE);
	await fillNewItem(page, '群众反映冬季早上路灯关闭过早，学生上学时天还没亮。');
	await Promise.all([
		page.waitForURL((u) => /^\/items\/[^/]+$/.test(u.pathname) && u.pathname !== '/items/new'),
		page.locator('main form').last().locator('button[type=submit]').last().click(),
	]).catch(async (e) => {
		throw new Fail(`no item page after submitting: ${page.url()} ${await htmlSnippet(page, 600)} (${e.message.split('\n')[0]})`);
	});
	S.ref = decodeURIComponent(path(page).split('/')[2]);
	check((await page.locator('h1').textContent()).includes(FLOW_TITLE), 'the item page heading is not the title');
	console.log(`# created ${S.ref}`);
});

step('sanjiao.handler adds two measures on the item page', async () => {
	const page = S.hPage;
	const texts = ['协调供电所把路灯开启时间提前到6:30', '在学校周边路段增设两盏路灯'];
	for (const t of texts) {
		const form = page.locator(`main form[action$="/measures"]`);
		check((await form.count()) === 1, `no add-measure form (action …/measures); buttons: ${(await buttonsOf(page)).join(', ')}`);
		await form.locator('#f-text, textarea[name=text]').first().fill(t);
		await submit(page, form.locator('button[type=submit]'));
	}
	const text = await page.evaluate(() => document.querySelector('main').innerText);
	for (const t of texts) check(text.includes(t), `measure "${t}" not on the page`);
}, ['sanjiao.handler creates a problem with the new-item form']);

step('sanjiao.handler starts the work and completes both measures', async () => {
	const page = S.hPage;
	const start = actionButton(page, /开始/);
	if ((await start.count()) > 0) {
		await submit(page, start.first());
	}
	// Each measure has its own form (action /measures/ID): either a 完成
	// button, or a status choice and a submit button.
	for (let i = 0; i < 2; i++) {
		const forms = page.locator('main form[action^="/measures/"]');
		const done = forms.getByRole('button', { name: /完成/ });
		let form;
		if ((await done.count()) > 0) {
			form = forms.filter({ has: done.first() }).first();
		} else {
			form = null;
			for (const f of await forms.all()) {
				const sel = f.locator('select[name=status]');
				if ((await sel.count()) === 1 && (await sel.inputValue()) !== 'done') {
					await sel.selectOption('done');
					form = f;
					break;
				}
			}
			check(form, `no measure form offers 完成 or a status choice (measure ${i + 1}); ` +
				`forms: ${await forms.count()}; buttons: ${(await buttonsOf(page)).join(', ')}`);
		}
		const ev = form.locator('[name=evidence]');
		if ((await ev.count()) > 0) await ev.first().fill('供电所已调整，11月起执行');
		const btn = (await done.count()) > 0 ? done.first() : form.locator('button[type=submit], button:not([type])').first();
		await submit(page, btn);
		const err = await page.locator('main .notice, main .error').allTextContents();
		check(err.length === 0, `after completing measure ${i + 1}: ${err.join(' | ')}`);
	}
	const token = await apiLogin(S.handler, 'sanjiao.handler');
	const r = await api(S.handler, token, 'GET', `/api/v1/items/${encodeURIComponent(S.ref)}`);
	check(r.status === 200, `GET /api/v1/items/${S.ref}: ${r.status}`);
	const st = r.body.measures.map((m) => m.status);
	check(st.length === 2 && st.every((s) => s === 'done'), `measure statuses: ${st}`);
}, ['sanjiao.handler adds two measures on the item page']);

step('sanjiao.handler requests sign-off (申请销号)', async () => {
	const page = S.hPage;
	const b = actionButton(page, /申请销号/);
	check((await b.count()) === 1, `no 申请销号 button; buttons: ${(await buttonsOf(page)).join(', ')}`);
	await submit(page, b);
	const text = await page.evaluate(() => document.querySelector('main').innerText);
	check(/待销号|待审核|审核中|申请销号/.test(text), `status after the request: ${text.slice(0, 300)}`);
	check((await actionButton(page, /申请销号/).count()) === 0, 'the 申请销号 button is still offered');
}, ['sanjiao.handler starts the work and completes both measures']);

// The sign-off control: a button whose label has 销号 but is not a request.
function signoffButton(page) {
	return page.locator('main form').getByRole('button', { name: /^(?!.*申请).*销号/ });
}

step('sanjiao.leader (same township) is not offered sign-off, and a forged one is refused', async () => {
	const ctx = await newContext(S.browser);
	try {
		const page = await login(ctx, 'sanjiao.leader');
		const resp = await page.goto(`/items/${encodeURIComponent(S.ref)}`);
		check(resp.status() === 200, `GET /items/${S.ref} as sanjiao.leader: ${resp.status()}`);
		const offered = await signoffButton(page).count();
		check(offered === 0, `sanjiao.leader is offered sign-off: ${(await buttonsOf(page)).join(', ')}`);
		// Post the county leader's own sign-off form (all its fields, the
		// button's too) with sanjiao.leader's valid CSRF token: refused.
		await S.countyPage.goto(`/items/${encodeURIComponent(S.ref)}`);
		const cb = signoffButton(S.countyPage);
		check((await cb.count()) >= 1, `county.leader is not offered sign-off either: ${(await buttonsOf(S.countyPage)).join(', ')}`);
		const { action, fields } = await cb.first().evaluate((b) => ({
			action: b.form.getAttribute('action'),
			fields: Object.fromEntries(new FormData(b.form, b)),
		}));
		fields._csrf = await page.locator('input[name=_csrf]').first().inputValue();
		const r = await page.request.post(action, { form: fields, maxRedirects: 0 });
		check(r.status() === 403, `sanjiao.leader posting ${JSON.stringify({ ...fields, _csrf: '…' })} to ${action}: ${r.status()}`);
		const token = await apiLogin(ctx, 'sanjiao.leader');
		const it = await api(ctx, token, 'GET', `/api/v1/items/${encodeURIComponent(S.ref)}`);
		check(it.body.status === 'review', `status after the refused sign-off: ${it.body.status}`);
	} finally {
		await ctx.close();
	}
}, ['sanjiao.handler requests sign-off (申请销号)']);

step('county.leader (the level above) signs it off as resolved; the item shows 已销号', async () => {
	const page = S.countyPage;
	await page.goto(`/items/${encodeURIComponent(S.ref)}`);
	const b = signoffButton(page);
	check((await b.count()) >= 1, `county.leader is not offered sign-off; buttons: ${(await buttonsOf(page)).join(', ')}`);
	const form = page.locator('main form').filter({ has: b.first() });
	const closure = form.locator('#f-closure, select[name=closure]');
	if ((await closure.count()) > 0) await closure.first().selectOption('resolved');
	await submit(page, b.first());
	const text = await page.evaluate(() => document.querySelector('main').innerText);
	check(text.includes('已销号'), `the item page does not show 已销号: ${text.slice(0, 400)}`);
	const token = await apiLogin(S.county, 'county.leader');
	const it = await api(S.county, token, 'GET', `/api/v1/items/${encodeURIComponent(S.ref)}`);
	check(it.body.status === 'closed' && it.body.closure === 'resolved', `status ${it.body.status}, closure ${it.body.closure}`);
	const hist = await page.evaluate(() => document.querySelector('main').innerText);
	check(/销号/.test(hist), 'no sign-off in the history');
}, ['sanjiao.leader (same township) is not offered sign-off, and a forged one is refused']);

step('the dashboard figures changed (已销号 +1 for the county and for 三角城镇)', async () => {
	const page = S.countyPage;
	await page.goto('/');
	const after = await dashCards(page);
	const b = S.cardsBefore;
	check(Number(after['发现问题']) === Number(b['发现问题']) + 2,
		`发现问题 ${b['发现问题']} → ${after['发现问题']} (expected +2: the flow's item and the escaping test's)`);
	check(Number(after['已销号']) === Number(b['已销号']) + 1, `已销号 ${b['已销号']} → ${after['已销号']}`);
	check(Number(after['已解决']) === Number(b['已解决']) + 1, `已解决 ${b['已解决']} → ${after['已解决']}`);
	const row = await unitRow(page, 2);
	check(Number(row[2]) === Number(S.rowBefore[2]) + 1, `三角城镇 已销号 ${S.rowBefore[2]} → ${row[2]}`);
}, ['county.leader (the level above) signs it off as resolved; the item shows 已销号']);

// ---------------------------------------------------- screenshots

step('at 375 px every link of the navigation can be seen (none hidden off the edge)', async () => {
	const page = S.countyPage;
	await page.goto('/');
	await page.setViewportSize(PHONE);
	try {
		const hidden = await page.evaluate(() =>
			[...document.querySelectorAll('header a, header button')]
				.filter((a) => {
					const r = a.getBoundingClientRect();
					return r.width > 0 && (r.right > document.documentElement.clientWidth + 1 || r.left < -1);
				})
				.map((a) => `${a.textContent.trim()} (x ${Math.round(a.getBoundingClientRect().left)}-${Math.round(a.getBoundingClientRect().right)})`),
		);
		check(hidden.length === 0, `off screen at 375 px: ${hidden.join(', ')}`);
	} finally {
		await page.setViewportSize(DESKTOP);
	}
}, ['county.leader logs in through the form and lands on the dashboard']);

step('screenshots: an item page at 1280 and 375 px, no sideways scrolling on the phone', async () => {
	const page = S.countyPage;
	let ref = S.ref;
	if (!ref || !passed('county.leader (the level above) signs it off as resolved; the item shows 已销号')) {
		// a demo item with measures and a history instead
		const token = await apiLogin(S.county, 'county.leader');
		const l = await api(S.county, token, 'GET', '/api/v1/items?unit=2&status=closed&limit=1');
		ref = l.body?.items?.[0]?.ext_id;
		check(ref, 'no demo item to show');
	}
	const r = await page.goto(`/items/${encodeURIComponent(ref)}`);
	check(r.status() === 200, `GET /items/${ref}: ${r.status()}`);
	const o = await shootBoth(page, 'item');
	check(o.scroll <= o.width, `at 375 px the page is ${o.scroll} px wide: ${o.wide.join(', ')}`);
	const en = await englishOnPage(page);
	check(en.length === 0, `English on the Chinese item page: ${en.join('; ')}`);
}, ['county.leader logs in through the form and lands on the dashboard']);

step('no dialogs, script errors or CSP violations on any page visited', async () => {
	check(dialogs.length === 0, `dialogs: ${dialogs.join('; ')}`);
	const uniq = [...new Set(consoleErrors)];
	check(uniq.length === 0, `console errors:\n${uniq.slice(0, 20).join('\n')}`);
});

// ------------------------------------------------------------------ run

run('test_web ' + BASE, { stepMs: STEP_MS, suiteMs: SUITE_MS, setup: async (browser) => {
		S.browser = browser;
		S.zh = await newContext(browser);
	} });
