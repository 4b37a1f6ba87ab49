// tests/browser/test_public.mjs BASE_URL - the public side of opinions in
// headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
//
// Run by tests/browser/run.sh after test_web.mjs, against the same demo
// county. Prints TAP. A person with no account submits an opinion on
// /opinion (with a distinctive name and phone number) and gets a tracking
// code; sanjiao.handler accepts it into an item and requests sign-off;
// county.leader signs it off; the tracking page shows it answered; the
// person rates it 不满意 with a comment and the item page shows it
// reopened. Every public page the person saw is then scanned for the name
// and the phone number: they must not appear. Also: the honeypot refuses
// and stores nothing; screenshots of /opinion and /track at 375 px.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE = (process.argv[2] || '').replace(/\/$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) {
	console.log('not ok 1 - usage: node test_public.mjs http://127.0.0.1:PORT');
	console.log('1..1');
	process.exit(1);
}
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SHOTS = process.env.SCREENSHOTS ?? join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'qingdan-demo';
const STEP_MS = 30000;
const SUITE_MS = 120000;
const ACTION_MS = 10000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

const NAME = '隐私测试王小明';
const PHONE_NO = '13800009999';
const TEXT = '三角城镇村口的路灯坏了两个月，晚上出行不安全，希望尽快修好。（公开表单浏览器测试）';
const COMMENT = '路灯只修好了一个，另一个还是不亮';

// ------------------------------------------------------------------ TAP

import { step, check, Fail, run } from './tap.mjs';

// ------------------------------------------------------------------ helpers

const consoleErrors = [];
const dialogs = [];
// Every document the public (no account) context received: url, status, body.
const publicDocs = [];
const pending = [];

async function newContext(browser, { viewport = DESKTOP, record = false } = {}) {
	const ctx = await browser.newContext({ locale: 'zh-CN', viewport, baseURL: BASE });
	ctx.setDefaultTimeout(ACTION_MS);
	ctx.setDefaultNavigationTimeout(15000);
	ctx.on('page', (p) => watch(p));
	if (record)
		ctx.on('response', (r) => {
			const t = r.request().resourceType();
			if (t !== 'document' && t !== 'fetch' && !r.request().isNavigationRequest()) return;
			pending.push(
				r.text().then(
					(body) => publicDocs.push({ url: r.url(), status: r.status(), body }),
					() => publicDocs.push({ url: r.url(), status: r.status(), body: '' }),
				),
			);
		});
	return ctx;
}

function watch(page) {
	page.on('dialog', async (d) => {
		dialogs.push(`${d.type()} "${d.message()}" on ${page.url()}`);
		await d.dismiss().catch(() => {});
	});
	page.on('console', (m) => {
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			consoleErrors.push(`${page.url()}: ${m.text()}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document' && !r.request().isNavigationRequest())
			consoleErrors.push(`${page.url()}: ${r.request().resourceType()} ${r.url()} → ${r.status()}`);
	});
	page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
}

function path(page) {
	return new URL(page.url()).pathname;
}

async function login(ctx, who) {
	const page = await ctx.newPage();
	const resp = await page.goto('/login');
	check(resp && resp.status() === 200, `GET /login: status ${resp && resp.status()}`);
	await page.locator('#f-login').fill(who);
	await page.locator('#f-password').fill(PASSWORD);
	await Promise.all([
		page.waitForURL((u) => u.pathname !== '/login'),
		page.locator('main form button[type=submit]').first().click(),
	]);
	return page;
}

async function mainText(page, max = 100000) {
	const t = await page.evaluate(() => document.querySelector('main')?.innerText ?? document.body.innerText);
	return t.replace(/\s+/g, ' ').slice(0, max);
}

async function buttonsOf(page) {
	return page.evaluate(() =>
		[...document.querySelectorAll('main button')].map(
			(b) => `${b.textContent.trim()} [form ${b.form?.getAttribute('action') ?? '-'}]`,
		),
	);
}

// Click a submit button and wait for the answer; the status of the page.
async function submit(page, button, { allow = [] } = {}) {
	const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), button.click()]);
	const st = resp ? resp.status() : 0;
	if (st >= 400 && !allow.includes(st))
		throw new Fail(`${path(page)} answered ${st}: ${await mainText(page, 400)}`);
	return st;
}

async function overflowX(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const wide = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > w + 1 && r.width > 0 && !el.closest('.table-wrap') && !el.closest('.hp')) {
				wide.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} right=${Math.round(r.right)}`);
				if (wide.length >= 5) break;
			}
		}
		return { scroll: document.documentElement.scrollWidth, width: w, wide };
	});
}

// hide: a random text (the tracking code) to show as a fixed placeholder, so
// the committed screenshot does not change on every run.
async function shootPhone(page, name, hide) {
	await page.setViewportSize(PHONE);
	const o = await overflowX(page);
	if (SHOTS) {
		mkdirSync(SHOTS, { recursive: true });
		await page.evaluate(() => document.fonts.ready);
		if (hide)
			await page.evaluate((secret) => {
				const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				for (let n = walk.nextNode(); n; n = walk.nextNode())
					n.nodeValue = n.nodeValue.split(secret).join('ABCD2345WXYZ');
				for (const el of document.querySelectorAll('input, a'))
					for (const attr of ['value', 'href'])
						if (el.getAttribute(attr)?.includes(secret))
							el.setAttribute(attr, el.getAttribute(attr).split(secret).join('ABCD2345WXYZ'));
			}, hide);
		const h = await page.evaluate(() => document.documentElement.scrollHeight);
		await page.screenshot({
			path: join(SHOTS, `${name}-phone.png`),
			fullPage: true,
			clip: { x: 0, y: 0, width: PHONE.width, height: Math.min(h, 2 * PHONE.height) },
			animations: 'disabled',
		});
	}
	await page.setViewportSize(DESKTOP);
	return o;
}

const S = {};

// ------------------------------------------------------------------ steps

step('a person with no account opens /opinion: the form, with a hidden honeypot', async () => {
	S.pub = await newContext(S.browser, { record: true });
	const page = await S.pub.newPage();
	S.pPage = page;
	const resp = await page.goto('/opinion');
	check(resp.status() === 200, `GET /opinion: ${resp.status()}`);
	check((await page.locator('header nav').count()) === 0, 'the public form shows the staff navigation');
	for (const id of ['#f-unit_id', '#f-text', '#f-name', '#f-contact'])
		check((await page.locator(id).count()) === 1, `no ${id} on /opinion`);
	const text = await mainText(page);
	check(text.includes('只有负责办理的工作人员能看到'), 'the form does not say who sees the name and contact');
	const hp = page.locator('input[name=website]');
	check((await hp.count()) === 1, 'no honeypot field');
	check((await hp.getAttribute('tabindex')) === '-1', 'the honeypot can be tabbed to');
	check((await hp.getAttribute('autocomplete')) === 'off', 'the honeypot has autocomplete');
	const hidden = await hp.evaluate((el) => {
		const box = el.closest('[aria-hidden=true]');
		const r = el.getBoundingClientRect();
		return !!box && (r.right <= 0 || r.bottom <= 0 || r.width <= 1);
	});
	check(hidden, 'the honeypot is visible or not aria-hidden');
	const o = await shootPhone(page, 'public-opinion');
	check(o.scroll <= o.width, `/opinion scrolls sideways at 375 px: ${o.scroll} > ${o.width}; ${o.wide.join(', ')}`);
});

// The village of 三角城镇 (unit 2): the options of its group other than itself.
async function pickVillage(page) {
	const v = await page.locator('#f-unit_id optgroup[label="三角城镇"] option').evaluateAll((os) =>
		os.map((o) => o.value).filter((x) => x && x !== '2'),
	);
	check(v.length > 0, 'no village of 三角城镇 in the unit choice');
	await page.locator('#f-unit_id').selectOption(v[v.length - 1]);
	return v[v.length - 1];
}

step('the honeypot refuses the submission with a clear message, stores nothing and keeps the input', async () => {
	const page = S.pPage;
	await page.goto('/opinion');
	await pickVillage(page);
	await page.locator('#f-text').fill('蜜罐测试：这条不应保存');
	// a program fills every field, hidden or not
	await page.locator('input[name=website]').evaluate((el) => {
		el.value = 'http://spam.example';
	});
	const st = await submit(page, page.locator('main form button[type=submit]'), { allow: [400] });
	check(st === 400, `honeypot submission: status ${st}`);
	const text = await mainText(page);
	check(text.includes('网址') && text.includes('尚未保存'), `no clear message: ${text.slice(0, 300)}`);
	check((await page.locator('#f-text').inputValue()).includes('蜜罐测试'), 'the text was not kept');
	check((await page.locator('input[name=website]').inputValue()) === '', 'the honeypot value was kept');
}, ['a person with no account opens /opinion: the form, with a hidden honeypot']);

step('the person submits an opinion (name and phone given) and gets a receipt with a tracking code', async () => {
	const page = S.pPage;
	await page.goto('/opinion');
	S.unit = await pickVillage(page);
	await page.locator('#f-text').fill(TEXT);
	await page.locator('#f-name').fill(NAME);
	await page.locator('#f-contact').fill(PHONE_NO);
	await submit(page, page.locator('main form button[type=submit]'));
	const code = (await page.locator('#tracking-code').textContent()).trim();
	check(/^[A-Z2-9]{12}$/.test(code), `tracking code "${code}"`);
	S.code = code;
	console.log(`# tracking code ${code}`);
	await Promise.all([page.waitForURL((u) => u.pathname === '/track'), page.locator('#track-link').click()]);
	const text = await mainText(page);
	check(text.includes('待处理') && text.includes(code), `tracking page: ${text.slice(0, 300)}`);
	const o = await shootPhone(page, 'public-track', S.code);
	check(o.scroll <= o.width, `/track scrolls sideways at 375 px: ${o.scroll} > ${o.width}; ${o.wide.join(', ')}`);
}, ['a person with no account opens /opinion: the form, with a hidden honeypot']);

step('sanjiao.handler finds it under 群众诉求, sees the name and phone, and accepts it into a new item', async () => {
	S.handler = await newContext(S.browser);
	const page = await login(S.handler, 'sanjiao.handler');
	S.hPage = page;
	await Promise.all([page.waitForURL((u) => u.pathname === '/opinions'), page.getByRole('link', { name: '群众诉求' }).click()]);
	const text = await mainText(page);
	check(!text.includes('蜜罐测试'), 'the honeypot submission was stored');
	const link = page.locator('main table a[href^="/opinions/"]', { hasText: TEXT.slice(0, 20) });
	check((await link.count()) === 1, `the opinion is not in the list: ${text.slice(0, 400)}`);
	await Promise.all([page.waitForURL((u) => /^\/opinions\/\d+$/.test(u.pathname)), link.click()]);
	S.opinionUrl = path(page);
	const t2 = await mainText(page);
	check(t2.includes(NAME) && t2.includes(PHONE_NO), 'the handler does not see the name and phone');
	const title = await page.locator('#f-acc-title').inputValue();
	check(title.length > 0 && TEXT.startsWith(title), `the title is not prefilled from the text: "${title}"`);
	await page.locator('#f-acc-due_on').fill('2026-12-31');
	const form = page.locator('main form[action$="/triage"]').filter({ has: page.locator('input[name=action][value=accept]') });
	await submit(page, form.locator('button[type=submit]'));
	const t3 = await mainText(page);
	check(t3.includes('已受理'), `after accepting: ${t3.slice(0, 400)}`);
	const item = page.locator('#op-item a[href^="/items/"]');
	check((await item.count()) === 1, 'no link to the new item');
	S.itemHref = await item.getAttribute('href');
	console.log(`# item ${S.itemHref}`);
}, ['the person submits an opinion (name and phone given) and gets a receipt with a tracking code']);

step('the tracking page shows it accepted', async () => {
	const page = S.pPage;
	await page.goto(`/track?code=${S.code}`);
	check((await page.locator('#op-status').textContent()).includes('已受理'), 'status is not 已受理');
}, ['sanjiao.handler finds it under 群众诉求, sees the name and phone, and accepts it into a new item']);

step('sanjiao.handler requests sign-off (申请销号) on the item', async () => {
	const page = S.hPage;
	await page.goto(S.itemHref);
	const b = page.locator('main form').getByRole('button', { name: /申请销号/ });
	check((await b.count()) === 1, `no 申请销号 button; buttons: ${(await buttonsOf(page)).join(', ')}`);
	await submit(page, b);
	check((await mainText(page)).includes('待销号'), 'the item is not 待销号');
}, ['sanjiao.handler finds it under 群众诉求, sees the name and phone, and accepts it into a new item']);

step('county.leader signs it off as resolved', async () => {
	S.county = await newContext(S.browser);
	const page = await login(S.county, 'county.leader');
	S.cPage = page;
	await page.goto(S.itemHref);
	const b = page.locator('main form').getByRole('button', { name: /^(?!.*申请).*销号/ });
	check((await b.count()) >= 1, `no sign-off button; buttons: ${(await buttonsOf(page)).join(', ')}`);
	const form = page.locator('main form').filter({ has: b.first() });
	const closure = form.locator('select[name=closure]');
	if ((await closure.count()) > 0) await closure.first().selectOption('resolved');
	const note = form.locator('textarea[name=reason]');
	if ((await note.count()) > 0) await note.first().fill('两处路灯已更换灯具，恢复照明');
	await submit(page, b.first());
	check((await mainText(page)).includes('已销号'), 'the item is not 已销号');
}, ['sanjiao.handler requests sign-off (申请销号) on the item']);

step('the tracking page shows it answered, with the resolution and a rating form', async () => {
	const page = S.pPage;
	await page.goto(`/track?code=${S.code}`);
	check((await page.locator('#op-status').textContent()).includes('已办结'), 'status is not 已办结');
	check((await page.locator('#op-resolution').textContent()).includes('已解决'), 'the resolution does not name the closure');
	check((await page.locator('#op-resolution').count()) === 1, `no resolution shown: ${await mainText(page, 600)}`);
	check((await page.locator('input[name=rating]').count()) === 3, 'no rating form with three choices');
}, ['county.leader signs it off as resolved']);

step('rating 不满意 without a comment is refused with a clear message; with one it is recorded', async () => {
	const page = S.pPage;
	await page.locator('#f-rating-unsatisfied').check();
	const st = await submit(page, page.locator('section.rate button[type=submit]'), { allow: [400] });
	check(st === 400, `不满意 without a comment: status ${st}`);
	check((await mainText(page)).includes('请写明理由'), 'no message asking for the reason');
	check(await page.locator('#f-rating-unsatisfied').isChecked(), 'the choice was not kept');
	await page.locator('#f-comment').fill(COMMENT);
	await submit(page, page.locator('section.rate button[type=submit]'));
	check(path(page) === '/track', `after rating: ${page.url()}`);
	const text = await mainText(page);
	check(text.includes('感谢您的评价'), 'no confirmation');
	check((await page.locator('#op-rating').textContent()).includes('不满意'), 'the rating is not shown');
	check((await page.locator('#op-reopened').count()) === 1, 'the page does not say the item was reopened');
	check((await page.locator('input[name=rating]').count()) === 0, 'the rating form is still offered');
}, ['the tracking page shows it answered, with the resolution and a rating form']);

step('the item page shows it reopened with the comment as the reason', async () => {
	const page = S.cPage;
	await page.goto(S.itemHref);
	const text = await mainText(page);
	check(text.includes(COMMENT), `the comment is not on the item page: ${text.slice(0, 500)}`);
	check(text.includes('重新打开'), 'no reopening on the item page');
	const badge = await page.locator('main h1 .badge, main .item-meta .badge, main .badge').first().textContent();
	check(!badge.includes('已销号'), `the item is still 已销号 (${badge})`);
}, ['rating 不满意 without a comment is refused with a clear message; with one it is recorded']);

step('an unknown tracking code: 404 with a clear message', async () => {
	const page = S.pPage;
	const resp = await page.goto('/track?code=AAAAAAAAAAAA');
	check(resp.status() === 404, `status ${resp.status()}`);
	check((await mainText(page)).includes('没有找到'), 'no clear message');
}, ['a person with no account opens /opinion: the form, with a hidden honeypot']);

step('no public page carries the name or the phone number', async () => {
	await Promise.all(pending);
	check(publicDocs.length >= 8, `only ${publicDocs.length} public pages recorded`);
	check(publicDocs.some((d) => d.body.includes(S.code)), 'the scan did not see the tracking code (it sees nothing?)');
	check(publicDocs.some((d) => d.body.includes('村口的路灯')), 'the scan did not see the text');
	const bad = publicDocs.filter((d) => d.body.includes(NAME) || d.body.includes(PHONE_NO) || d.body.includes('王小明'));
	check(bad.length === 0, `personal data on: ${bad.map((d) => d.url).join(', ')}`);
	console.log(`# scanned ${publicDocs.length} public responses`);
}, ['rating 不满意 without a comment is refused with a clear message; with one it is recorded']);

step('no dialogs, script errors or CSP violations on any page visited', async () => {
	check(dialogs.length === 0, `dialogs: ${dialogs.join('; ')}`);
	const uniq = [...new Set(consoleErrors)];
	check(uniq.length === 0, `console errors:\n${uniq.slice(0, 20).join('\n')}`);
});

// ------------------------------------------------------------------ run

run('test_public ' + BASE, { stepMs: STEP_MS, suiteMs: SUITE_MS, setup: async (browser) => {
		S.browser = browser;
	} });
