// tests/browser/test_ledger.mjs BASE_URL - ledger files in headless
// Chromium (Debian's /usr/bin/chromium driven by playwright-core).
//
// Run by tests/browser/run.sh after the other programs, against the same
// demo county; it writes nothing to it. sanjiao.handler clicks the problem
// list's "导出 CSV" and "导出 Excel": the browser saves them under their
// Chinese names (问题清单-三角城镇-<today>.csv), the CSV with a BOM and the
// Chinese headers, the workbook a zip. Then the import form from the
// navigation: a CSV with a bad date and an unknown unit is refused (422)
// with both rows, their columns and reasons in the report, and a dry run
// of a good CSV passes and writes nothing. Screenshots of the report at
// 1280 and 375 px.

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { step, check, run } from './tap.mjs';

const BASE = (process.argv[2] || '').replace(/\/$/, '');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(BASE)) {
	console.log('not ok 1 - usage: node test_ledger.mjs http://127.0.0.1:PORT');
	console.log('1..1');
	process.exit(1);
}
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const SHOTS = process.env.SCREENSHOTS ?? join(ROOT, 'docs', 'screenshots');
const TODAY = process.env.QINGDAN_TODAY || '2026-11-22';
const PASSWORD = 'qingdan-demo';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

const BAD_CSV =
	'问题编号,单位,问题来源,问题描述,发现时间,整改时限\r\n' +
	'QDB-901,海晏县/三角城镇,群众意见,西街路灯损坏（浏览器导入测试）,2026-13-45,2026-12-31\r\n' +
	'QDB-902,海晏县/不存在镇,检视查摆,单位写错的一行（浏览器导入测试）,2026-11-02,2026-12-31\r\n';
const GOOD_CSV =
	'问题编号,单位,问题来源,问题描述,发现时间,整改时限\r\n' +
	'QDB-911,海晏县/三角城镇,群众意见,东街积水（浏览器试导入）,2026-11-02,2026-12-31\r\n';

const S = {};
const errors = [];

async function mainText(page, max = 100000) {
	const t = await page.evaluate(() => document.querySelector('main')?.innerText ?? '');
	return t.replace(/\s+/g, ' ').slice(0, max);
}

// Click a link that downloads; the saved name and the bytes.
async function download(page, locator) {
	const [d] = await Promise.all([page.waitForEvent('download'), locator.click()]);
	const failure = await d.failure();
	check(!failure, `the download failed: ${failure}`);
	return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

async function submit(page) {
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
		page.locator('main form button[type=submit]').click(),
	]);
	return resp ? resp.status() : 0;
}

async function shoot(page, name) {
	if (!SHOTS) return;
	mkdirSync(SHOTS, { recursive: true });
	await page.evaluate(() => document.fonts.ready);
	for (const [vp, suffix, maxH] of [
		[DESKTOP, 'desktop', 2000],
		[PHONE, 'phone', 2 * PHONE.height],
	]) {
		await page.setViewportSize(vp);
		const h = await page.evaluate(() => document.documentElement.scrollHeight);
		await page.screenshot({
			path: join(SHOTS, `${name}-${suffix}.png`),
			fullPage: true,
			clip: { x: 0, y: 0, width: vp.width, height: Math.min(h, maxH) },
			animations: 'disabled',
		});
	}
	await page.setViewportSize(DESKTOP);
}

step('sanjiao.handler logs in and opens the problem list of 三角城镇', async () => {
	S.ctx = await S.browser.newContext({ locale: 'zh-CN', viewport: DESKTOP, baseURL: BASE, acceptDownloads: true });
	S.ctx.setDefaultTimeout(10000);
	const page = await S.ctx.newPage();
	page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
	page.on('console', (m) => {
		// a 4xx answer the test asked for is logged too: not an error of the page
		if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
			errors.push(`${page.url()}: ${m.text()}`);
	});
	S.page = page;
	await page.goto('/login');
	await page.locator('#f-login').fill('sanjiao.handler');
	await page.locator('#f-password').fill(PASSWORD);
	await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.locator('main form button[type=submit]').click()]);
	const resp = await page.goto('/items?unit=2&status=review');
	check(resp.status() === 200, `GET /items: ${resp.status()}`);
	check((await page.locator('a.button', { hasText: '导出 Excel' }).count()) === 1, 'no 导出 Excel link');
	check((await page.locator('a.button', { hasText: '导出 CSV' }).count()) === 1, 'no 导出 CSV link');
});

step('导出 CSV saves 问题清单-三角城镇-<today>.csv: a BOM, the Chinese headers, the filtered rows', async () => {
	const { name, bytes } = await download(S.page, S.page.locator('a.button', { hasText: '导出 CSV' }));
	check(name === `问题清单-三角城镇-${TODAY}.csv`, `saved as "${name}"`);
	check(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf, 'no BOM');
	const text = bytes.toString('utf8').slice(1);
	check(text.startsWith('序号,问题编号,单位,'), `first line: ${text.slice(0, 60)}`);
	const shown = (await mainText(S.page)).match(/共 (\d+) 条/);
	check(shown, 'the page does not say how many items it lists');
	// records: lines outside quotes
	let rows = 0, q = 0;
	for (const line of text.split('\r\n')) {
		if (!line && q % 2 === 0) continue;
		q += (line.match(/"/g) || []).length;
		if (q % 2 === 0) rows++;
	}
	check(rows - 1 === Number(shown[1]), `${rows - 1} rows in the file, ${shown[1]} on the page`);
}, ['sanjiao.handler logs in and opens the problem list of 三角城镇']);

step('导出 Excel saves 问题清单-三角城镇-<today>.xlsx, a workbook', async () => {
	const { name, bytes } = await download(S.page, S.page.locator('a.button', { hasText: '导出 Excel' }));
	check(name === `问题清单-三角城镇-${TODAY}.xlsx`, `saved as "${name}"`);
	check(bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 3, 4])), 'not a zip');
}, ['sanjiao.handler logs in and opens the problem list of 三角城镇']);

step('the navigation leads to the import form', async () => {
	const page = S.page;
	await Promise.all([page.waitForURL((u) => u.pathname === '/import'), page.locator('header nav a', { hasText: '导入台账' }).click()]);
	check((await page.locator('form[enctype="multipart/form-data"] input[type=file]#f-imp-file').count()) === 1, 'no file field');
	check((await page.locator('#f-imp-dry_run').count()) === 1, 'no dry-run box');
}, ['sanjiao.handler logs in and opens the problem list of 三角城镇']);

step('a CSV with a bad date and an unknown unit: 422, both rows named with column and reason', async () => {
	const page = S.page;
	await page.locator('#f-imp-unit').selectOption('2');
	await page.locator('#f-imp-file').setInputFiles({ name: '三角城镇台账.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
	const st = await submit(page);
	check(st === 422, `status ${st}: ${await mainText(page, 400)}`);
	const rows = await page.locator('table.import-problems tbody tr').evaluateAll((trs) =>
		trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()).join(' | ')),
	);
	check(rows.length === 2, `${rows.length} problem rows: ${rows.join('; ')}`);
	check(/^错误 \| 三角城镇台账\.csv \| 2 \| QDB-901 \| 发现时间 \| .*2026-13-45/.test(rows[0]), `row 2: ${rows[0]}`);
	check(/^错误 \| 三角城镇台账\.csv \| 3 \| QDB-902 \| 单位 \| .*不存在镇/.test(rows[1]), `row 3: ${rows[1]}`);
	check((await mainText(page)).includes('未导入任何数据'), 'the page does not say that nothing was imported');
	await shoot(page, 'import');
}, ['the navigation leads to the import form']);

step('a dry run of a good CSV passes and writes nothing', async () => {
	const page = S.page;
	await page.goto('/import?unit=2');
	await page.locator('#f-imp-file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
	await page.locator('#f-imp-dry_run').check();
	const st = await submit(page);
	check(st === 200, `status ${st}: ${await mainText(page, 400)}`);
	const text = await mainText(page);
	check(text.includes('新增 1') && text.includes('试导入'), `the report: ${text.slice(0, 300)}`);
	const resp = await page.goto('/items/QDB-911');
	check(resp.status() === 404, `the dry run created QDB-911 (status ${resp.status()})`);
	check(errors.length === 0, `errors in the pages: ${errors.join('; ')}`);
}, ['the navigation leads to the import form']);

await run('ledger files', {
	stepMs: 30000,
	suiteMs: 90000,
	setup: async (browser) => {
		S.browser = browser;
	},
});
