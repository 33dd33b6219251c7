// Browser tests of the isnad workbench: playwright-core drives the system's Chromium (nothing is
// downloaded at run time) against a running `isnad serve`. Run by crates/serve/tests/browser.rs,
// which starts the server on an ephemeral loopback port and passes:
//   ISNAD_URL         the server's base URL
//   ISNAD_TOKEN       its write token
//   ISNAD_FIXTURE     a JSONL corpus of invented Arabic articles (uploaded twice: ingest, re-ingest)
//   ISNAD_SCREENSHOTS the folder for one screenshot per page (CI keeps it as an artifact)
//   CHROMIUM          the browser executable
// Every test fails on a console error or an uncaught page error. The exit code is the number of
// failed tests (0 = all passed).

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.ISNAD_URL;
const token = process.env.ISNAD_TOKEN;
const fixture = process.env.ISNAD_FIXTURE;
const shots = process.env.ISNAD_SCREENSHOTS || 'target/screenshots';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!base || !token || !fixture) {
  console.error('ISNAD_URL, ISNAD_TOKEN and ISNAD_FIXTURE must be set (crates/serve/tests/browser.rs sets them)');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

// ---- The hostile article -------------------------------------------------------------------

const HOSTILE_ID = 'hostile-1';
const RLO = '\u202e', PDF = '\u202c', RLI = '\u2067', PDI = '\u2069';
// One word repeated to a megabyte (every word the same, so search and snippets meet it
// everywhere), then one unbroken run of 20,000 letters that must wrap, not widen the page.
const oneWord = 'كلمة ';
const MEGA = oneWord.repeat(Math.ceil(1_048_576 / Buffer.byteLength(oneWord)));
const hostile = {
  id: HOSTILE_ID,
  title: `<script>window.__pwned=1</script>${RLO}عنوان معكوس${PDF} <img src=x onerror="window.__pwned=2">`,
  outlet: `<b>مصدر</b>${RLI}مقلوب`,
  published: '2024-05-05',
  text: `افتتاحية ${RLO}معكوسة${PDF} <script>window.__pwned=3</script> <iframe src="javascript:window.__pwned=4"></iframe> `
    + `${MEGA}${'ب'.repeat(20_000)} خاتمة.`,
};

// ---- API helpers (node's fetch) ------------------------------------------------------------

async function api(path, opts = {}) {
  const r = await fetch(base + path, opts);
  const body = await r.json();
  if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(body)}`);
  return body;
}

async function ingest(name, content) {
  const fd = new FormData();
  fd.append('file', new Blob([content]), name);
  const job = await api('/api/ingest', { method: 'POST', body: fd, headers: { authorization: `Bearer ${token}` } });
  // Up to 10 minutes: `cargo test` in the debug profile analyses the 1 MB article unoptimized.
  for (let i = 0; i < 6000; i++) {
    const j = await api(`/api/ingest/${job.id}`);
    if (j.state === 'done') return j;
    if (j.state === 'failed') throw new Error(`ingest failed: ${j.error}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error("ingest did not finish in 10 minutes");
}

const entityNamed = (name) => api(`/api/entity?name=${encodeURIComponent(name)}`);

// ---- The harness ---------------------------------------------------------------------------

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
context.setDefaultTimeout(30_000);

/// A fresh page that records console errors and page errors; the test fails on any.
async function newPage(ctx = context) {
  const page = await ctx.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.errors.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    window.__dialogs = [];
    window.alert = (m) => window.__dialogs.push(String(m));
  });
  page.on('dialog', (d) => { page.errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  return page;
}

/// Opens a route of the workbench and waits until the page has rendered (the placeholder «…»
/// is gone) without an error message.
async function open(page, hash) {
  await page.goto(`${base}/#/${hash}`);
  await page.waitForFunction(() => {
    const m = document.getElementById('main');
    return m && m.children.length && !(m.children.length === 1 && m.textContent === '…');
  });
  const err = await page.locator('main .error').allTextContents();
  assert(err.length === 0, `#/${hash} shows an error: ${err.join(' | ')}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

const results = [];
async function test(name, body) {
  const page = await newPage();
  const t0 = Date.now();
  try {
    await body(page);
    assert(page.errors.length === 0, `console or page errors: ${page.errors.join(' | ')}`);
    results.push([name, null]);
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push([name, e]);
    console.log(`FAIL ${name}: ${e.message}`);
    await shot(page, `FAILED-${name.replace(/\W+/g, '-')}`).catch(() => {});
  } finally {
    await page.close();
  }
}

// ---- Setup ---------------------------------------------------------------------------------

const corpus = readFileSync(fixture, 'utf8');
await ingest('browser.jsonl', corpus + JSON.stringify(hostile) + '\n');
const docIds = corpus.trim().split('\n').map((l) => JSON.parse(l).id);

// ---- The tests -----------------------------------------------------------------------------

await test('walk every page', async (page) => {
  const stories = await api('/api/stories?min_docs=1&limit=5');
  assert(stories.length > 0, 'no story in the corpus');
  const ent = (await entityNamed('البغدادي')).entity;
  const pages = {
    search: 'search?q=%D8%A7%D9%84%D8%B9%D8%A8%D8%A7%D8%AF%D9%8A',
    doc: `doc/${docIds[0]}`,
    entity: `entity/${ent.id}`,
    claims: 'claims',
    stories: 'stories',
    story: `story/${encodeURIComponent(stories[0].id)}`,
    curation: 'curation',
    ingest: 'ingest',
    stats: 'stats',
  };
  for (const [name, hash] of Object.entries(pages)) {
    await open(page, hash);
    const h = await page.locator('main').innerText();
    assert(h.trim().length > 0, `#/${hash} is empty`);
    await shot(page, name);
  }
  // Every navigation link leads to its page and marks itself current.
  for (const a of await page.locator('#nav a').all()) {
    await a.click();
    await page.waitForFunction(() => !(document.getElementById('main').textContent === '…'));
    assert(await a.getAttribute('aria-current') === 'page', `${await a.getAttribute('href')} is not marked current`);
  }
  // The language switch: right-to-left Arabic, then left-to-right English, and back.
  assert(await page.evaluate(() => document.documentElement.dir) === 'rtl', 'the workbench does not start right-to-left');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en' && document.documentElement.dir === 'ltr');
  assert((await page.locator('#nav').innerText()).includes('Search'), 'English labels missing');
  await open(page, 'search?q=%D8%A7%D9%84%D8%B9%D8%A8%D8%A7%D8%AF%D9%8A');
  await shot(page, 'search-en');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  // A phone-sized screen: one column, nothing wider than the screen.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const p2 = await newPage(phone);
  await open(p2, pages.search);
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `the phone layout is ${overflow}px wider than the screen`);
  await shot(p2, 'phone-search');
  assert(p2.errors.length === 0, p2.errors.join(' | '));
  await phone.close();
});

await test('search in Arabic', async (page) => {
  await open(page, 'search');
  await page.fill('input[name=q]', 'البغدادي');
  await page.press('input[name=q]', 'Enter');
  await page.waitForSelector('article.hit');
  assert(decodeURIComponent(await page.evaluate(() => location.hash)).includes('q=البغدادي'), 'the URL does not hold the query');
  const titles = await page.locator('article.hit h3').allTextContents();
  assert(titles.some((x) => x.includes('البغدادي')), `no hit titled with the name: ${titles}`);
  const marks = await page.locator('article.hit p b').allTextContents();
  assert(marks.some((m) => m.includes('البغدادي')), `no highlighted البغدادي: ${marks}`);
  // Facets come with the results; a facet link narrows the search.
  await page.waitForSelector('aside.facet li a');
  await shot(page, 'search-arabic');
});

await test('search in Latin script', async (page) => {
  await open(page, 'search');
  await page.fill('input[name=q]', 'Baghdadi');
  await page.check('input[name=latin]');
  await page.click('form[role=search] button.primary');
  await page.waitForSelector('article.hit');
  const marks = await page.locator('article.hit p b').allTextContents();
  assert(marks.some((m) => m.includes('البغدادي')), `«Baghdadi» did not find البغدادي: ${marks}`);
  // The switch also names the entity the Latin name designates, as a link to its page.
  const named = page.locator('main section > p.card a.m');
  await named.waitFor();
  assert((await named.innerText()).includes('البغدادي'), `the Latin name designates ${await named.innerText()}`);
  assert(decodeURIComponent(await page.evaluate(() => location.hash)).includes('latin=true'), 'the URL does not hold the switch');
  await named.click();
  await page.waitForSelector('svg.graph');
  await shot(page, 'search-latin');
});

await test('open an entity and click through the graph', async (page) => {
  const me = (await entityNamed('العبادي')).entity;
  await open(page, `entity/${me.id}`);
  await page.waitForSelector('svg.graph');
  const h1 = await page.locator('main h1').innerText();
  assert(h1.includes(me.name), `entity page titled ${h1}, not ${me.name}`);
  // An edge lists its evidence, each row a link to a document.
  const edge = page.locator('svg.graph a[href="#"]').first();
  assert(await edge.count() === 1, 'the graph has no edge');
  // With the keyboard, as a reader who does not use a mouse would.
  await edge.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('section[aria-live] li a[href^="#/doc/"]');
  await shot(page, 'entity-evidence');
  // A node opens that entity's page, and its graph leads back.
  const node = page.locator(`svg.graph a[href^="#/entity/"]:not([href="#/entity/${me.id}"])`).first();
  const target = await node.getAttribute('href');
  await node.click();
  await page.waitForFunction((h) => location.hash === h, target);
  await page.waitForSelector('svg.graph');
  const other = await page.locator('main h1').innerText();
  assert(!other.includes(me.name) || other !== h1, 'the node did not open another entity');
  await page.locator(`svg.graph a[href="#/entity/${me.id}"]`).first().click();
  await page.waitForFunction((id) => location.hash === `#/entity/${id}`, String(me.id));
  await page.waitForSelector('svg.graph');
  // A mention in a document opens its entity.
  await open(page, `doc/${docIds[2]}`);
  await page.locator('.doctext a.m').first().click();
  await page.waitForSelector('svg.graph');
});

await test('merge two entities in the curation page; the merge survives a re-ingest', async (page) => {
  const gone = (await entityNamed('سعد معن')).entity;
  const stays = (await entityNamed('العبادي')).entity;
  assert(gone.key !== stays.key, 'the two entities are one already');
  await open(page, 'curation');
  await page.fill('input[name=token]', token);
  await page.click('form:has(input[name=token]) button');
  await page.waitForSelector('form:has(input[name=into])');
  const form = page.locator('form:has(input[name=into])');
  await form.locator('input[name=entity]').fill(gone.key);
  await form.locator('input[name=into]').fill(stays.key);
  await form.locator('input[name=author]').fill('اختبار المتصفح');
  await form.locator('button.primary').click();
  await page.waitForFunction(() => [...document.querySelectorAll('main tr td:nth-child(2)')].some((td) => td.textContent === 'merge'));
  await shot(page, 'curation-merged');
  const check = async (when) => {
    assert((await entityNamed('سعد معن')).entity.key === stays.key, `${when}: the merged name does not lead to the entity it was merged into`);
    await open(page, `entity/${gone.id}`);
    const text = await page.locator('main').innerText();
    assert(text.includes(stays.name), `${when}: the merged entity's page does not show ${stays.name}`);
    await open(page, `entity/${stays.id}`);
    const merged = await page.locator('main').innerText();
    assert(merged.includes(gone.name), `${when}: ${stays.name}'s page does not list ${gone.name} as merged into it`);
  };
  await check('after the merge');
  // Re-ingest the same corpus with changed text: the decision names keys, not rows.
  const changed = corpus.replaceAll('الأجهزة الأمنية', 'الأجهزة المختصة');
  await ingest('browser-again.jsonl', changed);
  await check('after a re-ingest');
  await shot(page, 'entity-merged');
});

await test('a hostile article renders harmlessly', async (page) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const t0 = Date.now();
  await open(page, `doc/${HOSTILE_ID}`);
  await page.waitForSelector('.doctext');
  // Laid out in bounded time (one long Arabic paragraph once took Chromium two minutes).
  await page.evaluate(() => document.body.offsetHeight);
  const ms = Date.now() - t0;
  assert(ms < 20_000, `the article took ${ms} ms to render`);
  const report = await page.evaluate(() => ({
    scripts: [...document.scripts].map((s) => s.src),
    imgs: document.querySelectorAll('main img, main iframe, main b:not(.hit b)').length,
    pwned: window.__pwned,
    dialogs: window.__dialogs,
    title: document.querySelector('main h1').textContent,
    textBytes: new TextEncoder().encode(document.querySelector('.doctext').textContent).length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    // Every bidi control sits in an element that isolates it (dir attribute or <bdi>).
    leaks: [...document.querySelectorAll('main *')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && /[\u202a-\u202e\u2066-\u2069]/.test(n.data))
      && !el.closest('bdi, [dir]')).map((el) => el.tagName),
  }));
  assert(report.scripts.length === 1 && report.scripts[0].endsWith('/app.js'), `scripts on the page: ${report.scripts}`);
  assert(report.imgs === 0, `${report.imgs} elements created from the article's markup`);
  assert(report.pwned === undefined && report.dialogs.length === 0, 'the article ran script');
  assert(report.title.includes('<script>') && report.title.includes('<img'), `the title is not shown as text: ${report.title}`);
  assert(report.textBytes > 1_048_576, `the text is cut: ${report.textBytes} bytes`);
  assert(report.overflow <= 1, `the page is ${report.overflow}px wider than the window`);
  assert(report.leaks.length === 0, `bidi controls outside an isolating element: ${report.leaks}`);
  const outlet = await page.locator('main dl').innerText();
  assert(outlet.includes('<b>مصدر</b>'), `the outlet is not shown as text: ${outlet}`);
  await shot(page, 'hostile-doc');
  // The hostile article in search results: the snippet is text, the title too.
  await open(page, 'search?q=%D8%A7%D9%81%D8%AA%D8%AA%D8%A7%D8%AD%D9%8A%D8%A9');
  await page.waitForSelector('article.hit');
  const hit = await page.locator('article.hit h3').first().innerText();
  assert(hit.includes('<script>'), `the hit's title is not shown as text: ${hit}`);
  assert(await page.evaluate(() => document.scripts.length) === 1, 'a script element was created by the search page');
  await shot(page, 'hostile-search');
});

await browser.close();
const failed = results.filter(([, e]) => e);
console.log(`${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${shots}`);
process.exit(failed.length);
