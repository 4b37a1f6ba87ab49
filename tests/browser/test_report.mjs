// tests/browser/test_report.mjs BASE_URL - the campaign report (工作报告) in
// headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
//
// Run by tests/browser/run.sh after test_ledger.mjs, against the same demo
// county (seed 000); it writes nothing to it. county.leader opens 工作报告
// from the navigation: the summary paragraph starts with 截至 and quotes
// 海晏县's problems at the four inspection levels (39 / 68 / 296 / 2626) and
// the 74 visitors received; the figure 领导班子 = 39 leads to a problem list
// that holds exactly 39 records (its count text, page after page). Back on
// the report, the picker moves it to 三角城镇 in October; 导出 Excel saves
// 报告-三角城镇-<to>.xlsx, a zip. Printed (print media emulated), the
// navigation and the picker are hidden and the summary stays; the print
// view renders to a PDF (in a temporary directory, removed again).
// Screenshots of the county's report at 1280 px (the full page) and 375 px;
// no sideways scrolling at 375 px. No console errors or CSP violations.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { step, check, run } from './tap.mjs';

const BASE = (process.argv[2] || '').replace(/\/$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) {
	console.log('not ok 1 - usage: node test_report.mjs http://127.0.0.1:PORT');
	console.log('1..1');
	process.exit(1);
}
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SHOTS = process.env.SCREENSHOTS ?? join(ROOT, 'docs', 'screenshots');
const TODAY = process.env.QINGDAN_TODAY || '2026-11-22';
const PASSWORD = 'qingdan-demo';
const STEP_MS = 30000;
const SUITE_MS = 90000;
const ACTION_MS = 10000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
// the township and the month the picker chooses
const TOWN = { id: '2', name: '三角城镇' };
const FROM = '2026-10-01';
const TO = '2026-10-31';

const S = {};
const errors = [];

// ------------------------------------------------------------------ helpers

function watch(page) {
	page.on('console', (m) => {
		// CSP violations are reported as console errors ("Refused to ...")
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			errors.push(`${page.url()}: ${m.text()}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== 'document' && !r.request().isNavigationRequest()
			&& !r.url().endsWith('/favicon.ico'))
			errors.push(`${page.url()}: ${r.request().resourceType()} ${r.url()} → ${r.status()}`);
	});
	page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
}

async function summary(page) {
	return (await page.locator('#summary p.summary').innerText()).replace(/\s+/g, '');
}

// The records of a list, page after page: the count text of each page
// ("共 N 条", or "第 A–B 条" with "，后面还有" while more follow) and its
// rows. The total, and the pages' count texts.
async function listTotal(page) {
	const texts = [];
	let rows = 0;
	for (let i = 0; i < 20; i++) {
		const text = (await page.locator('main p.range').innerText()).trim();
		texts.push(text);
		const shown = await page.locator('main table.list tbody tr').count();
		const all = text.match(/^共 (\d+) 条$/);
		if (all) {
			check(i === 0 && Number(all[1]) === shown, `"${text}" over ${shown} rows (page ${i + 1})`);
			return { total: shown, texts };
		}
		const m = text.match(/^第 (\d+)–(\d+) 条(，后面还有)?$/);
		check(m, `the list's count text: "${text}"`);
		check(Number(m[1]) === rows + 1 && Number(m[2]) - Number(m[1]) + 1 === shown,
			`"${text}" on page ${i + 1} with ${shown} rows after ${rows}`);
		rows += shown;
		if (!m[3]) return { total: rows, texts };
		const next = page.locator('nav.pager a[rel=next]');
		check((await next.count()) === 1, `"${text}" but no link to the next page`);
		await Promise.all([page.waitForURL((u) => u.searchParams.get('offset') === String(rows)), next.click()]);
	}
	throw new Error('more than 20 pages');
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

// ------------------------------------------------------------------ steps

const OPENED = 'county.leader logs in and opens 工作报告 from the navigation';

step(OPENED, async () => {
	S.ctx = await S.browser.newContext({ locale: 'zh-CN', viewport: DESKTOP, baseURL: BASE, acceptDownloads: true });
	S.ctx.setDefaultTimeout(ACTION_MS);
	S.ctx.setDefaultNavigationTimeout(15000);
	S.ctx.on('page', (p) => watch(p));
	const page = await S.ctx.newPage();
	S.page = page;
	await page.goto('/login');
	await page.locator('#f-login').fill('county.leader');
	await page.locator('#f-password').fill(PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('main form button[type=submit]').click()]);
	const nav = page.locator('header nav a', { hasText: '工作报告' });
	check((await nav.count()) === 1, 'no 工作报告 in the navigation');
	await Promise.all([page.waitForURL((u) => u.pathname === '/report'), nav.click()]);
	check((await nav.getAttribute('aria-current')) === 'page', 'the navigation does not mark 工作报告 as the current page');
	const h1 = (await page.locator('main h1').innerText()).trim();
	check(h1 === '海晏县 · 整改工作报告', `heading: ${h1}`);
	check((await page.locator('p.period').innerText()).includes(`截至 ${TODAY}`), 'the period line is not up to today');
	check((await page.locator('section.report-part table.report-table').count()) >= 5, 'fewer than five tables');
});

step('the summary starts with 截至 and quotes 39 / 68 / 296 / 2626 problems and 74人次', async () => {
	const text = await summary(S.page);
	check(text.startsWith('截至') && text.includes('海晏县'), `the summary: ${text.slice(0, 120)}`);
	for (const w of ['领导班子检视问题39条', '领导干部检视问题68条', '基层党组织检视问题296条',
		'党员个人检视问题2626条', '接待来访群众74人次'])
		check(text.includes(w), `the summary lacks ${w}: ${text.slice(0, 400)}`);
	console.log(`# ${text.slice(0, 90)}…`);
}, [OPENED]);

step('领导班子 = 39 leads to a problem list holding exactly 39 records', async () => {
	const page = S.page;
	const link = page.locator('[id="problems.level.leadership_team"] td.num a');
	check((await link.count()) === 1, 'the 领导班子 row has no link');
	const n = Number((await link.innerText()).trim());
	check(n === 39, `the 领导班子 figure is ${n}`);
	await Promise.all([page.waitForURL((u) => u.pathname === '/items'), link.click()]);
	const u = new URL(page.url());
	check(u.searchParams.get('level') === 'leadership_team' && u.searchParams.get('unit') === '1', `the list: ${page.url()}`);
	check((await page.locator('#f-level').inputValue()) === 'leadership_team', 'the list\'s form does not show the filter');
	const { total, texts } = await listTotal(page);
	check(total === n, `the list holds ${total} records (${texts.join(' / ')}), the report says ${n}`);
	console.log(`# /items?unit=1&level=leadership_team: ${texts.join(' / ')}`);
	// back to the report
	for (let i = 0; i < texts.length; i++) await page.goBack();
	check(new URL(page.url()).pathname === '/report', `back at ${page.url()}`);
}, [OPENED]);

step(`the picker moves the report to ${TOWN.name}, ${FROM} to ${TO}`, async () => {
	const page = S.page;
	if (new URL(page.url()).pathname !== '/report') await page.goto('/report');
	const form = page.locator('form.report-pick');
	await form.locator('#f-rep-unit').selectOption(TOWN.id);
	await form.locator('#f-rep-from').fill(FROM);
	await form.locator('#f-rep-to').fill(TO);
	await Promise.all([
		page.waitForURL((u) => u.pathname === '/report' && u.searchParams.get('unit') === TOWN.id),
		form.locator('button[type=submit]').click(),
	]);
	const u = new URL(page.url());
	check(u.searchParams.get('from') === FROM && u.searchParams.get('to') === TO, `the URL: ${page.url()}`);
	const h1 = (await page.locator('main h1').innerText()).trim();
	check(h1 === `${TOWN.name} · 整改工作报告`, `heading: ${h1}`);
	const period = await page.locator('p.period strong').innerText();
	check(period.includes(FROM) && period.includes(TO), `the period line: ${period}`);
	check((await page.locator('#f-rep-unit').inputValue()) === TOWN.id, 'the picker does not keep the unit');
	const text = await summary(page);
	check(text.startsWith(`2026年10月1日至10月31日，${TOWN.name}`), `the summary: ${text.slice(0, 80)}`);
	const href = await page.locator('[id="problems.total"] td.num a').getAttribute('href');
	check(href.includes(`found_from=${FROM}`) && href.includes(`found_to=${TO}`), `the figures' links lack the period: ${href}`);
}, [OPENED]);

step('导出 Excel saves 报告-三角城镇-<to>.xlsx, a zip', async () => {
	const page = S.page;
	const link = page.locator('p.report-links a.button', { hasText: '导出 Excel' });
	check((await link.count()) === 1, 'no 导出 Excel link');
	const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const failure = await d.failure();
	check(!failure, `the download failed: ${failure}`);
	const name = d.suggestedFilename();
	check(name.endsWith('.xlsx'), `saved as "${name}"`);
	check(name === `报告-${TOWN.name}-${TO}.xlsx`, `saved as "${name}"`);
	const bytes = readFileSync(await d.path());
	check(bytes.length > 1000 && bytes.subarray(0, 2).toString() === 'PK', `not a zip (${bytes.length} bytes)`);
	console.log(`# ${name}: ${bytes.length} bytes`);
}, [`the picker moves the report to ${TOWN.name}, ${FROM} to ${TO}`]);

step('printed: no navigation, no picker; the summary and the tables stay; a PDF', async () => {
	const page = S.page;
	await page.emulateMedia({ media: 'print' });
	try {
		check(!(await page.locator('header nav').isVisible()), 'the navigation is printed');
		check(!(await page.locator('form.report-pick').isVisible()), 'the picker is printed');
		check(!(await page.locator('p.report-links').isVisible()), 'the export link is printed');
		check(await page.locator('#summary p.summary').isVisible(), 'the summary is not printed');
		check(await page.locator('section.report-part table.report-table').first().isVisible(), 'the tables are not printed');
		const dir = mkdtempSync(join(tmpdir(), 'qingdan-report-pdf-'));
		try {
			const file = join(dir, 'report.pdf');
			await page.pdf({ path: file, format: 'A4', printBackground: false });
			const size = statSync(file).size;
			const head = readFileSync(file).subarray(0, 5).toString();
			check(size > 1000 && head === '%PDF-', `the PDF: ${size} bytes, starting ${JSON.stringify(head)}`);
			console.log(`# the print view as a PDF: ${size} bytes`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	} finally {
		await page.emulateMedia({ media: 'screen' });
	}
}, [`the picker moves the report to ${TOWN.name}, ${FROM} to ${TO}`]);

step("screenshots of the county's report at 1280 and 375 px; no sideways scrolling at 375 px", async () => {
	const page = S.page;
	await page.goto('/report');
	check((await page.locator('main h1').innerText()).startsWith('海晏县'), 'not the county');
	await page.evaluate(() => document.fonts.ready);
	if (SHOTS) {
		mkdirSync(SHOTS, { recursive: true });
		await page.setViewportSize(DESKTOP);
		await page.screenshot({ path: join(SHOTS, 'report-desktop.png'), fullPage: true, animations: 'disabled' });
	}
	await page.setViewportSize(PHONE);
	const o = await overflowX(page);
	if (SHOTS) {
		const h = await page.evaluate(() => document.documentElement.scrollHeight);
		await page.screenshot({
			path: join(SHOTS, 'report-phone.png'),
			fullPage: true,
			clip: { x: 0, y: 0, width: PHONE.width, height: Math.min(h, 2 * PHONE.height) },
			animations: 'disabled',
		});
	}
	await page.setViewportSize(DESKTOP);
	check(o.scroll <= o.width, `/report scrolls sideways at 375 px: ${o.scroll} > ${o.width}; ${o.wide.join(', ')}`);
}, [OPENED]);

step('no script errors or CSP violations on any page visited', async () => {
	const uniq = [...new Set(errors)];
	check(uniq.length === 0, `console errors:\n${uniq.slice(0, 20).join('\n')}`);
});

run('test_report ' + BASE, { stepMs: STEP_MS, suiteMs: SUITE_MS, setup: async (browser) => {
		S.browser = browser;
	} });
