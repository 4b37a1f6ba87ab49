// tap.mjs: the step runner shared by the browser test programs: steps with
// dependencies and time limits, TAP output, and Chromium started with the
// flags this machine needs.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const steps = [];
const results = new Map(); // name -> true/false
let n = 0;
let failed = 0;

// step(name, async fn, names of steps it needs to have passed)
export function step(name, fn, needs = []) {
	steps.push({ name, fn, needs });
}

export function tapLines(text) {
	return String(text)
		.split('\n')
		.map((l) => '#   ' + l.replace(/[\u0000-\u0008\u000b-\u001f]/g, ''))
		.join('\n');
}

export function report(ok, name, diag) {
	n++;
	if (!ok) failed++;
	console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${name}`);
	if (diag) console.log(tapLines(diag));
}

// Whether the named step has run and passed.
export function passed(name) {
	return results.get(name) === true;
}

export class Fail extends Error {}

export function check(cond, msg) {
	if (!cond) throw new Fail(msg);
}

export function withTimeout(p, ms, what) {
	let t;
	return Promise.race([
		p,
		new Promise((_, rej) => {
			t = setTimeout(() => rej(new Fail(`${what}: timed out after ${ms / 1000} s`)), ms);
		}),
	]).finally(() => clearTimeout(t));
}

// Start Chromium, call setup(browser), run every step within stepMs each and
// suiteMs in all, print the plan and exit (1 when anything failed).
export async function run(label, { stepMs, suiteMs, setup }) {
	const t0 = Date.now();
	try {
		let browser;
		try {
			browser = await chromium.launch({
				executablePath: CHROMIUM,
				headless: true,
				args: [
					'--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
					'--no-first-run', '--disable-component-update', '--disable-sync',
				],
				timeout: 30000,
			});
		} catch (e) {
			report(false, `Chromium starts (${CHROMIUM})`, e.message);
			console.log(`1..${n}`);
			process.exit(1);
		}
		let pw = '?';
		try {
			pw = JSON.parse(readFileSync(join(HERE, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version;
		} catch {}
		console.log(`# ${label}: Chromium ${browser.version()}, playwright-core ${pw}, node ${process.version}`);
		await setup(browser);
		const stopAt = t0 + suiteMs;
		for (const s of steps) {
			const missing = s.needs.filter((d) => results.get(d) !== true);
			if (missing.length) {
				results.set(s.name, false);
				report(false, `${s.name} # not run: needs "${missing[0]}"`);
				continue;
			}
			const left = stopAt - Date.now();
			if (left <= 0) {
				results.set(s.name, false);
				report(false, `${s.name} # not run: the suite ran out of time`);
				continue;
			}
			const ts = Date.now();
			try {
				await withTimeout(s.fn(), Math.min(stepMs, left), s.name);
				results.set(s.name, true);
				report(true, `${s.name} (${((Date.now() - ts) / 1000).toFixed(1)} s)`);
			} catch (e) {
				results.set(s.name, false);
				const msg = e instanceof Fail ? e.message : (e.stack || String(e)).split('\n').slice(0, 6).join('\n');
				report(false, s.name, msg);
			}
		}
		console.log(`1..${n}`);
		console.log(`# ${n - failed} passed, ${failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		await withTimeout(browser.close(), 10000, 'closing Chromium').catch(() => {});
		process.exit(failed ? 1 : 0);
	} catch (e) {
		console.log(`not ok ${n + 1} - the test program crashed`);
		console.log(tapLines(e.stack || String(e)));
		console.log(`1..${n + 1}`);
		process.exit(1);
	}
}
