// isnad workbench. Every piece of data reaches the page through textContent or attribute
// values set with setAttribute; nothing is ever parsed as HTML, so an article containing
// <script> or bidi controls is shown as text. (Content-Security-Policy forbids inline script
// as a second line of defence.)

const L = {
  ar: { search: 'بحث', claims: 'الادعاءات', stories: 'القصص', curation: 'التنقيح', ingest: 'الإدخال', stats: 'نظرة عامة',
    query: 'ابحث في الأخبار', go: 'ابحث', latin: 'اسم بحروف لاتينية', from: 'من', to: 'إلى', outlet: 'المصدر', story: 'القصة',
    relation: 'نوع العلاقة', entity: 'الكيان', prev: 'السابق', next: 'التالي', page: 'صفحة', none: 'لا نتائج',
    months: 'الأشهر', entities: 'الكيانات', relations: 'العلاقات', quotes: 'الاقتباسات', metadata: 'البيانات',
    source: 'الملف', date: 'التاريخ', aliases: 'الأسماء', documents: 'وثائق', timeline: 'التسلسل الزمني', graph: 'شبكة العلاقات',
    evidence: 'الأدلة', via: 'عبر', said: 'قال', subject: 'الفاعل', type: 'النوع', object: 'المفعول', assertedBy: 'يؤكده',
    chain: 'السلسلة', docs: 'وثائق', outlets: 'مصادر', independent: 'مستقلة', first: 'أول ظهور', last: 'آخر ظهور',
    single: 'مصدر واحد فقط', filter: 'تصفية', onlySingle: 'ادعاءات المصدر الواحد فقط', copyOf: 'نسخة من', indep: 'تقرير مستقل',
    token: 'رمز الكتابة', save: 'حفظ', merge: 'دمج كيانين', into: 'في', retype: 'تصحيح النوع', alias: 'إضافة اسم بديل',
    reject: 'رفض', rejectMention: 'رفض إشارة', rejectRelation: 'رفض علاقة', rejectQuote: 'رفض اقتباس', undo: 'تراجع',
    history: 'السجل', author: 'المحرر', upload: 'رفع وإدخال', files: 'الملفات', done: 'تم', failed: 'فشل',
    negated: 'منفي', kb: 'قاعدة المعرفة', mergedFrom: 'دُمج فيه', redirected: 'حُوّلت من', start: 'البداية', end: 'النهاية',
    doc: 'الوثيقة', key: 'المفتاح', legend: 'الألوان', lang: 'English', entityKey: 'مفتاح الكيان', intoKey: 'المفتاح الباقي',
    words: 'كلمة', undone: 'أُلغي', analyze: 'تحليل نص', text: 'النص' },
  en: { search: 'Search', claims: 'Claims', stories: 'Stories', curation: 'Curation', ingest: 'Ingest', stats: 'Overview',
    query: 'Search the news', go: 'Search', latin: 'Latin-script name', from: 'From', to: 'To', outlet: 'Outlet', story: 'Story',
    relation: 'Relation type', entity: 'Entity', prev: 'Previous', next: 'Next', page: 'Page', none: 'No results',
    months: 'Months', entities: 'Entities', relations: 'Relations', quotes: 'Quotes', metadata: 'Metadata',
    source: 'File', date: 'Date', aliases: 'Names', documents: 'documents', timeline: 'Timeline', graph: 'Relation graph',
    evidence: 'Evidence', via: 'via', said: 'said', subject: 'Subject', type: 'Type', object: 'Object', assertedBy: 'Asserted by',
    chain: 'Chain', docs: 'Docs', outlets: 'Outlets', independent: 'Independent', first: 'First seen', last: 'Last seen',
    single: 'single source', filter: 'Filter', onlySingle: 'Only single-source claims', copyOf: 'copy of', indep: 'independent report',
    token: 'Write token', save: 'Save', merge: 'Merge two entities', into: 'into', retype: 'Correct a type', alias: 'Add an alias',
    reject: 'Reject', rejectMention: 'Reject a mention', rejectRelation: 'Reject a relation', rejectQuote: 'Reject a quote', undo: 'Undo',
    history: 'History', author: 'Author', upload: 'Upload and ingest', files: 'Files', done: 'done', failed: 'failed',
    negated: 'negated', kb: 'Knowledge base', mergedFrom: 'Merged into it', redirected: 'Redirected from', start: 'Start', end: 'End',
    doc: 'Document', key: 'Key', legend: 'Colours', lang: 'عربي', entityKey: 'Entity key', intoKey: 'Key that stays',
    words: 'words', undone: 'undone', analyze: 'Analyze a text', text: 'Text' },
};
let lang = localStorage.getItem('isnad-lang') === 'en' ? 'en' : 'ar';
const t = (k) => L[lang][k] || k;

// Builds an element; strings and numbers become text nodes, never markup.
function h(tag, attrs, ...kids) {
  const svg = ['svg', 'g', 'line', 'circle', 'rect', 'text', 'path', 'marker', 'defs', 'title'].includes(tag)
    || (tag === 'a' && attrs && attrs.svg);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false || k === 'svg') continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}
const bdi = (s) => h('bdi', {}, s ?? '');
const main = () => document.getElementById('main');
// replaceChildren would print a null as the text "null"; drop empty parts first.
const show = (...kids) => main().replaceChildren(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false && k !== ''));

async function api(path, opts = {}) {
  const r = await fetch(path, opts);
  const body = await r.json().catch(() => ({ code: 'bad_response', message: r.statusText }));
  if (!r.ok) throw new Error(`${body.code}: ${body.message}`);
  return body;
}
const token = () => sessionStorage.getItem('isnad-token') || '';
async function write(path, body) {
  return api(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
    body: JSON.stringify(body) });
}

function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  return { page: parts[0] || 'search', arg: parts.slice(1).join('/'), params: new URLSearchParams(qs || '') };
}
const link = (page, arg, params) => `#/${page}${arg !== undefined && arg !== null ? '/' + encodeURIComponent(arg) : ''}${params && String(params) ? '?' + params : ''}`;
const entityLink = (e) => h('a', { href: link('entity', e.id), dir: 'auto', class: `m ${e.type}` }, e.name);
const docLink = (id, label) => h('a', { href: link('doc', id), dir: 'auto' }, label || id);

function nav() {
  const cur = route().page;
  const pages = ['search', 'claims', 'stories', 'curation', 'ingest', 'stats'];
  document.getElementById('nav').replaceChildren(...pages.map((p) =>
    h('a', { href: link(p), 'aria-current': cur === p ? 'page' : null }, t(p))));
  document.getElementById('lang').textContent = t('lang');
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
}

async function render() {
  nav();
  const r = route();
  const pages = { search, doc, entity, claims, stories, story, curation, ingest, stats };
  const page = pages[r.page] || search;
  show(h('p', { class: 'muted' }, '…'));
  try {
    await page(r);
  } catch (e) {
    show(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

// ---- Search -------------------------------------------------------------------------------

// Highlights byte ranges of a UTF-8 fragment (as the API gives them) without any markup parsing.
function highlighted(fragment, ranges) {
  const bytes = new TextEncoder().encode(fragment);
  const dec = new TextDecoder();
  const out = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at || e > bytes.length) continue;
    out.push(dec.decode(bytes.slice(at, s)), h('b', {}, dec.decode(bytes.slice(s, e))));
    at = e;
  }
  out.push(dec.decode(bytes.slice(at)));
  return out;
}

async function search(r) {
  const p = r.params;
  const field = (name, type = 'text', extra = {}) => h('label', {}, t(name), ' ',
    h('input', { name, type, value: p.get(name) || '', dir: 'auto', ...extra }));
  const form = h('form', { class: 'card', role: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    const fd = new FormData(ev.target);
    const q = new URLSearchParams();
    for (const [k, v] of fd) if (v) q.set(k, v);
    location.hash = link('search', null, q);
  } },
  h('div', { class: 'row' },
    h('input', { name: 'q', type: 'search', value: p.get('q') || '', dir: 'auto', 'aria-label': t('query'), placeholder: t('query'), class: 'q' }),
    h('label', {}, h('input', { type: 'checkbox', name: 'latin', value: 'true', checked: p.get('latin') === 'true' }), ' ', t('latin')),
    h('button', { class: 'primary' }, t('go'))),
  h('div', { class: 'row' }, field('from', 'date'), field('to', 'date'), field('outlet'), field('entity'), field('story'), field('relation')));
  const results = h('section', { 'aria-label': t('search') });
  const side = h('aside', { class: 'facet', 'aria-label': t('filter') });
  show(form, h('div', { class: 'layout' }, results, side));
  const hasQuery = ['q', 'entity', 'from', 'to'].some((k) => p.get(k));
  if (!hasQuery) return;
  const res = await api(`/api/search?${p}`);
  if (res.entity) {
    results.append(h('p', { class: 'card' }, `${t('entity')}: `, entityLink(res.entity), ' ', h('span', { class: 'muted' }, res.entity.name_en)));
  }
  if (!res.hits.length) results.append(h('p', {}, t('none')));
  for (const hit of res.hits) {
    results.append(h('article', { class: 'card hit' },
      h('h3', {}, docLink(hit.id, hit.title || hit.id)),
      h('div', { class: 'muted' }, bdi(hit.outlet || '—'), ' · ', bdi(hit.date || '')),
      h('p', { dir: 'auto' }, highlighted(hit.fragment, hit.highlights))));
  }
  const pageNo = res.page;
  const pager = h('nav', { class: 'row', 'aria-label': t('page') });
  const at = (n) => { const q = new URLSearchParams(p); q.set('page', n); return link('search', null, q); };
  if (pageNo > 1) pager.append(h('a', { href: at(pageNo - 1), rel: 'prev' }, t('prev')));
  pager.append(h('span', {}, `${t('page')} ${pageNo}`));
  if (res.more) pager.append(h('a', { href: at(pageNo + 1), rel: 'next' }, t('next')));
  results.append(pager);
  api(`/api/search/facets?${p}`).then((f) => {
    const facet = (title, rows, key, label) => rows.length ? [h('h3', {}, t(title)), h('ul', {}, rows.map((row) => {
      const q = new URLSearchParams(p); q.delete('page');
      const [k, v] = key(row); q.set(k, v); if (k === 'from') q.set('to', `${row[0]}-31`);
      return h('li', {}, h('a', { href: link('search', null, q), dir: 'auto' }, label(row)), h('span', { class: 'muted' }, row[1] ?? row.count));
    }))] : [];
    side.replaceChildren(
      ...facet('outlet', f.outlets, (r) => ['outlet', r[0]], (r) => r[0] || '—'),
      ...facet('months', f.months, (r) => ['from', `${r[0]}-01`], (r) => r[0]),
      ...facet('entities', f.entities.slice(0, 15), (r) => ['entity', r.entity.name], (r) => r.entity.name),
      ...facet('relation', f.relation_types, (r) => ['relation', r[0]], (r) => r[0]),
      ...facet('stories', f.stories.slice(0, 10), (r) => ['story', r[0]], (r) => r[0]));
  }).catch((e) => side.replaceChildren(h('p', { class: 'error' }, e.message)));
}

// ---- Document -----------------------------------------------------------------------------

// Where the text is cut into blocks: after each line break, and within a paragraph longer than
// BLOCK code points at the next white space (at 2 × BLOCK at the latest). Chromium lays out one
// long paragraph of Arabic in quadratic time (a megabyte of one word froze the tab for two
// minutes, 3.6 s for 150 KB); blocks of a few thousand characters are laid out in linear time.
const BLOCK = 2000;
function blockCuts(cps) {
  const cuts = [];
  let start = 0;
  for (let i = 0; i < cps.length; i++) {
    const long = i - start >= BLOCK && (/\s/.test(cps[i]) || i - start >= 2 * BLOCK);
    if (cps[i] === '\n' || long) { cuts.push(i + 1); start = i + 1; }
  }
  return cuts;
}

// The text with mentions as entity links and, when given, the evidence span marked, as a list of
// blocks (see blockCuts). Offsets are code points, so the text is split into code points first.
function docText(doc, ev) {
  const cps = Array.from(doc.text);
  const blocks = new Set(blockCuts(cps));
  const cuts = new Set([0, cps.length, ...blocks]);
  for (const m of doc.mentions) { cuts.add(m.start); cuts.add(m.end); }
  if (ev) { cuts.add(ev[0]); cuts.add(ev[1]); }
  const points = [...cuts].filter((c) => c >= 0 && c <= cps.length).sort((a, b) => a - b);
  const byId = new Map(doc.entities.map((e) => [e.id, e]));
  const out = [];
  let block = h('div', { class: 'para' });
  let firstEv = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    if (blocks.has(s)) { out.push(block); block = h('div', { class: 'para' }); }
    const text = cps.slice(s, e).join('');
    const m = doc.mentions.find((x) => x.start <= s && e <= x.end);
    const ent = m && byId.get(m.entity);
    let node = ent ? h('a', { href: link('entity', ent.id), class: `m ${ent.type}`, title: `${ent.name} · ${ent.type}` }, text) : document.createTextNode(text);
    if (ev && ev[0] <= s && e <= ev[1]) { node = h('mark', { class: 'ev' }, node); firstEv = firstEv || node; }
    block.append(node);
  }
  out.push(block);
  return { nodes: out, firstEv };
}

async function doc(r) {
  const d = await api(`/api/document?id=${encodeURIComponent(r.arg)}`);
  const byId = new Map(d.entities.map((e) => [e.id, e]));
  const name = (id) => byId.get(id) ? entityLink(byId.get(id)) : '?';
  const textBox = h('div', { class: 'doctext card', dir: 'auto', lang: 'ar' });
  const mark = (ev) => {
    const { nodes, firstEv } = docText(d, ev);
    textBox.replaceChildren(...nodes);
    if (firstEv) firstEv.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  mark(null);
  const reject = (decision) => token() ? h('button', { type: 'button', onclick: async () => { await write('/api/curation', { decision }); render(); } }, t('reject')) : null;
  const keyOf = (id) => byId.get(id)?.key;
  show(
    h('h1', { dir: 'auto' }, d.title || d.id),
    h('dl', { class: 'card row' },
      h('dt', {}, t('outlet')), h('dd', {}, bdi(d.outlet || '—')),
      h('dt', {}, t('date')), h('dd', {}, bdi(d.published || '—')),
      h('dt', {}, t('source')), h('dd', {}, bdi(d.source || '—')),
      h('dt', {}, t('story')), h('dd', {}, d.story ? h('a', { href: link('story', d.story) }, d.story) : '—'),
      d.url ? [h('dt', {}, 'URL'), h('dd', {}, bdi(d.url))] : null,
      h('dt', {}, t('words')), h('dd', {}, d.words)),
    h('p', { class: 'legend muted' }, t('legend'), ': ', ['PER', 'ORG', 'LOC', 'MISC'].map((k) => h('span', { class: `m ${k}` }, k))),
    textBox,
    h('section', { class: 'card' }, h('h2', {}, t('relations')), h('ul', {}, d.relations.map((rel) => h('li', {},
      h('button', { type: 'button', onclick: () => mark([rel.ev_start, rel.ev_end]), 'aria-label': t('evidence') }, '⌖'), ' ',
      name(rel.subject), ' ', h('strong', {}, rel.type), rel.negated ? h('span', { class: 'badge warn' }, t('negated')) : '', ' ', name(rel.object),
      rel.asserted_by ? [' — ', t('assertedBy'), ' ', name(rel.asserted_by)] : '', ' ',
      reject({ action: 'reject_relation', doc: d.id, subject: keyOf(rel.subject), type: rel.type, object: keyOf(rel.object), ev_start: rel.ev_start }))))),
    h('section', { class: 'card' }, h('h2', {}, t('quotes')), d.quotes.map((q) => h('div', { class: 'quote' },
      h('div', {}, q.speaker ? name(q.speaker) : bdi(q.speaker_text), ' ', h('span', { class: 'muted' }, q.cue),
        q.via.length ? [' ', t('via'), ' ', q.via.map((v, i) => [i ? ' ← ' : '', name(v)])] : '', ' ',
        h('button', { type: 'button', onclick: () => mark([q.start, q.end]) }, '⌖'), ' ',
        reject({ action: 'reject_quote', doc: d.id, start: q.start, end: q.end })),
      h('blockquote', { dir: 'auto' }, q.text)))));
}

// ---- Entity -------------------------------------------------------------------------------

function timeline(days) {
  if (!days.length) return h('p', { class: 'muted' }, '—');
  const W = 600, H = 120, max = Math.max(...days.map((d) => d[1]));
  const w = W / days.length;
  return h('svg', { viewBox: `0 0 ${W} ${H + 20}`, class: 'graph', role: 'img', 'aria-label': t('timeline'), direction: 'ltr' },
    days.map(([day, n], i) => h('rect', { x: i * w + 1, y: H - (n / max) * H, width: Math.max(1, w - 2), height: (n / max) * H, fill: '#0b5cad' },
      h('title', {}, `${day}: ${n}`))),
    h('text', { x: 2, y: H + 16, 'font-size': 11 }, days[0][0]),
    h('text', { x: W - 2, y: H + 16, 'font-size': 11, 'text-anchor': 'end' }, days[days.length - 1][0]));
}

function graph(page, onEdge) {
  const me = page.entity;
  const nodes = new Map([[me.key, { e: me, x: 300, y: 260 }]]);
  const others = [];
  const top = page.edges.slice(0, 40);
  for (const e of top) for (const n of [e.subject, e.object]) if (!nodes.has(n.key)) { nodes.set(n.key, { e: n }); others.push(n.key); }
  const shown = others.slice(0, 24);
  shown.forEach((k, i) => { const a = (2 * Math.PI * i) / shown.length; Object.assign(nodes.get(k), { x: 300 + 220 * Math.cos(a), y: 260 + 200 * Math.sin(a) }); });
  const edges = top.filter((e) => nodes.get(e.subject.key).x !== undefined && nodes.get(e.object.key).x !== undefined);
  const svg = h('svg', { viewBox: '0 0 600 520', class: 'graph', role: 'group', 'aria-label': t('graph') },
    h('defs', {}, h('marker', { id: 'arr', viewBox: '0 0 10 10', refX: 22, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' }, h('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#555' }))));
  edges.forEach((e, i) => {
    const [a, b] = [nodes.get(e.subject.key), nodes.get(e.object.key)];
    const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2 + (i % 3 - 1) * 10;
    const label = `${e.subject.name} → ${e.type} → ${e.object.name} (${e.documents})`;
    svg.append(h('a', { svg: true, href: '#', tabindex: 0, 'aria-label': label, onclick: (ev) => { ev.preventDefault(); onEdge(e); } },
      h('title', {}, label),
      h('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: e.negated ? '#b3261e' : '#777', 'stroke-width': Math.min(1 + e.documents, 6), 'marker-end': 'url(#arr)', 'stroke-dasharray': e.negated ? '5 4' : null }),
      h('text', { x: mx, y: my, 'font-size': 11, 'text-anchor': 'middle', fill: '#333' }, `${e.type} ×${e.documents}`)));
  });
  for (const [k, n] of nodes) {
    if (n.x === undefined) continue;
    const colour = { PER: '#f6d7a7', ORG: '#c9def7', LOC: '#cdebc8', MISC: '#e6d4f2' }[n.e.type] || '#ddd';
    svg.append(h('a', { svg: true, href: link('entity', n.e.id), 'aria-label': n.e.name },
      h('circle', { cx: n.x, cy: n.y, r: k === me.key ? 26 : 16, fill: colour, stroke: '#333' }),
      h('text', { x: n.x, y: n.y + (k === me.key ? 42 : 30), 'font-size': 13, 'text-anchor': 'middle' }, n.e.name)));
  }
  return svg;
}

async function entity(r) {
  const p = await api(`/api/entities/${encodeURIComponent(r.arg)}`);
  const e = p.entity;
  const evidence = h('section', { class: 'card', 'aria-live': 'polite' });
  const onEdge = async (edge) => {
    const q = new URLSearchParams({ subject: edge.subject.id, type: edge.type, object: edge.object.id, negated: edge.negated });
    const rows = await api(`/api/evidence?${q}`);
    evidence.replaceChildren(h('h2', {}, t('evidence'), ': ', bdi(edge.subject.name), ` ${edge.type} `, bdi(edge.object.name)),
      h('ul', {}, rows.map((x) => h('li', {}, docLink(x.doc_id), ' ', h('span', { class: 'muted' }, bdi(x.outlet || ''), ' ', x.published || ''), h('div', { dir: 'auto' }, x.evidence)))));
    evidence.focus?.();
  };
  show(
    h('h1', {}, h('bdi', {}, e.name), ' · ', h('bdi', { dir: 'ltr' }, e.name_en), ' ', h('span', { class: `badge m ${e.type}` }, e.type)),
    p.redirected_from ? h('p', { class: 'muted' }, t('redirected'), ' ', bdi(p.redirected_from)) : null,
    h('div', { class: 'card' },
      h('p', {}, `${p.documents} ${t('documents')} · ${p.first_seen || '?'} – ${p.last_seen || '?'}`),
      h('p', {}, t('key'), ': ', h('code', {}, e.key), p.kb_id ? [' · ', t('kb'), ': ', h('code', {}, p.kb_id)] : ''),
      h('p', {}, t('aliases'), ': ', [...p.curated_aliases.map((a) => [a, 0]), ...p.aliases].map(([a, n], i) => [i ? '، ' : '', bdi(a), n ? ` (${n})` : ''])),
      p.merged.length ? h('p', {}, t('mergedFrom'), ': ', p.merged.map((m, i) => [i ? '، ' : '', bdi(m.name)])) : null),
    h('section', { class: 'card' }, h('h2', {}, t('timeline')), timeline(p.timeline)),
    h('section', { class: 'card' }, h('h2', {}, t('graph')), graph(p, onEdge)),
    evidence,
    h('section', { class: 'card' }, h('h2', {}, t('claims')), h('ul', {}, p.claims.map((c) => h('li', {},
      bdi(c.subject), ' ', h('strong', {}, c.type), c.negated ? h('span', { class: 'badge warn' }, t('negated')) : '', ' ', bdi(c.object),
      ` — ${c.count} ${t('docs')}`, c.corroboration ? corro(c.corroboration) : '')))),
    h('section', { class: 'card' }, h('h2', {}, t('quotes')), p.quotes.map((q) => h('div', { class: 'quote' },
      h('div', { class: 'muted' }, docLink(q.doc_id), ' ', bdi(q.outlet || ''), ' ', q.date || '', ' ', q.cue, q.via.length ? [' ', t('via'), ' ', q.via.map((v, i) => [i ? ' ← ' : '', bdi(v)])] : ''),
      h('blockquote', { dir: 'auto' }, q.text)))));
}

function corro(c) {
  const single = c.independent_sources <= 1 && c.reports > 1;
  return [' · ', `${c.outlets} ${t('outlets')}, ${c.independent_sources} ${t('independent')}`,
    single || c.circular ? [' ', h('span', { class: 'badge warn' }, t('single'))] : '',
    c.upstreams.length ? [' · ', t('chain'), ': ', c.upstreams.map((u, i) => [i ? ' ← ' : '', bdi(u)])] : ''];
}

// ---- Claims -------------------------------------------------------------------------------

async function claims(r) {
  const rows = await api('/api/claims?limit=2000');
  const p = r.params;
  const state = { q: p.get('q') || '', type: p.get('type') || '', single: p.get('single') === '1', sort: p.get('sort') || 'documents' };
  const types = [...new Set(rows.map((x) => x.type))].sort();
  const body = h('tbody');
  const keep = () => { const q = new URLSearchParams(); for (const [k, v] of Object.entries(state)) if (v) q.set(k, v === true ? '1' : v); history.replaceState(null, '', link('claims', null, q)); };
  const single = (c) => c.corroboration && c.corroboration.independent_sources <= 1 && c.documents > 1;
  const fill = () => {
    keep();
    const ql = state.q.toLowerCase();
    const vis = rows.filter((c) => (!state.type || c.type === state.type) && (!state.single || single(c))
      && (!ql || [c.subject.name, c.subject.name_en, c.object.name, c.object.name_en].some((s) => s.toLowerCase().includes(ql))));
    const key = { documents: (c) => -c.documents, outlets: (c) => -(c.corroboration?.outlets || 0), independent: (c) => -(c.corroboration?.independent_sources || 0), first: (c) => c.first_seen || '', last: (c) => c.last_seen || '', type: (c) => c.type };
    vis.sort((a, b) => { const [x, y] = [key[state.sort](a), key[state.sort](b)]; return x < y ? -1 : x > y ? 1 : 0; });
    body.replaceChildren(...vis.slice(0, 500).map((c) => h('tr', {},
      h('td', {}, entityLink(c.subject)), h('td', {}, c.type, c.negated ? [' ', h('span', { class: 'badge warn' }, t('negated'))] : ''), h('td', {}, entityLink(c.object)),
      h('td', {}, c.asserted_by.map((a, i) => [i ? '، ' : '', entityLink(a)])),
      h('td', {}, (c.corroboration?.upstreams || []).map((u, i) => [i ? ' ← ' : '', bdi(u)])),
      h('td', {}, c.documents), h('td', {}, c.corroboration?.outlets ?? '—'),
      h('td', {}, c.corroboration?.independent_sources ?? '—', single(c) ? [' ', h('span', { class: 'badge warn' }, t('single'))] : ''),
      h('td', {}, c.first_seen || ''), h('td', {}, c.last_seen || ''))));
  };
  const sortBtn = (k, label) => h('th', { scope: 'col' }, h('button', { type: 'button', onclick: () => { state.sort = k; fill(); } }, t(label)));
  show(h('h1', {}, t('claims')),
    h('div', { class: 'row card' },
      h('input', { type: 'search', value: state.q, dir: 'auto', 'aria-label': t('filter'), placeholder: t('filter'), oninput: (ev) => { state.q = ev.target.value; fill(); } }),
      h('select', { 'aria-label': t('type'), onchange: (ev) => { state.type = ev.target.value; fill(); } }, h('option', { value: '' }, '—'), types.map((x) => h('option', { value: x, selected: x === state.type }, x))),
      h('label', {}, h('input', { type: 'checkbox', checked: state.single, onchange: (ev) => { state.single = ev.target.checked; fill(); } }), ' ', t('onlySingle'))),
    h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('subject')), sortBtn('type', 'type'), h('th', {}, t('object')), h('th', {}, t('assertedBy')), h('th', {}, t('chain')),
      sortBtn('documents', 'docs'), sortBtn('outlets', 'outlets'), sortBtn('independent', 'independent'), sortBtn('first', 'first'), sortBtn('last', 'last'))), body)));
  fill();
}

// ---- Stories ------------------------------------------------------------------------------

async function stories() {
  const rows = await api('/api/stories?min_docs=2&limit=200');
  show(h('h1', {}, t('stories')), h('ul', {}, rows.map((s) => h('li', {},
    h('a', { href: link('story', s.id), dir: 'auto' }, s.title || s.id), ` (${s.doc_ids.length} ${t('documents')})`))));
}

async function story(r) {
  const s = await api(`/api/stories/${encodeURIComponent(r.arg)}`);
  const outlets = [...new Set(s.documents.map((d) => d.outlet || '—'))];
  const W = 640, rowH = 34, H = outlets.length * rowH + 30;
  const dates = s.documents.map((d) => d.published || '');
  const span = [...new Set(dates)].sort();
  const pos = new Map();
  const svg = h('svg', { viewBox: `0 0 ${W} ${H}`, class: 'graph', role: 'group', 'aria-label': t('chain'), direction: 'ltr' },
    h('defs', {}, h('marker', { id: 'arr2', viewBox: '0 0 10 10', refX: 14, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto' }, h('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#b3261e' }))));
  outlets.forEach((o, i) => svg.append(h('text', { x: 4, y: 24 + i * rowH, 'font-size': 12 }, o)));
  s.documents.forEach((d, i) => {
    const x = 130 + ((span.indexOf(d.published || '') + (i % 3) * 0.2) / Math.max(1, span.length)) * (W - 150);
    const y = 20 + outlets.indexOf(d.outlet || '—') * rowH;
    pos.set(d.id, [x, y]);
  });
  for (const d of s.documents) if (d.copy_of && pos.has(d.copy_of)) {
    const [[x1, y1], [x2, y2]] = [pos.get(d.copy_of), pos.get(d.id)];
    svg.append(h('line', { x1, y1, x2, y2, stroke: '#b3261e', 'stroke-width': 2, 'marker-end': 'url(#arr2)' }));
  }
  for (const d of s.documents) {
    const [x, y] = pos.get(d.id);
    svg.append(h('a', { svg: true, href: link('doc', d.id), 'aria-label': `${d.outlet || ''} ${d.published || ''} ${d.title || d.id}` },
      h('title', {}, `${d.outlet || ''} ${d.published || ''} ${d.title || ''}`),
      h('circle', { cx: x, cy: y, r: 8, fill: d.copy_of ? '#f4b6b0' : '#0b5cad', stroke: '#222' })));
  }
  show(h('h1', { dir: 'auto' }, s.title),
    h('p', {}, `${s.documents.length} ${t('documents')} · ${s.outlets} ${t('outlets')} · ${s.independent} ${t('independent')}`),
    svg,
    h('div', { class: 'scroll' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('date')), h('th', {}, t('outlet')), h('th', {}, t('doc')), h('th', {}, t('chain')))),
      h('tbody', {}, s.documents.map((d) => h('tr', {}, h('td', {}, d.published || ''), h('td', {}, bdi(d.outlet || '—')), h('td', {}, docLink(d.id, d.title || d.id)),
        h('td', {}, d.copy_of ? [t('copyOf'), ' ', docLink(d.copy_of), ` (${Math.round((d.similarity || 0) * 100)}%)`] : h('span', { class: 'badge ok' }, t('indep')))))))));
}

// ---- Curation and ingest -------------------------------------------------------------------

function tokenBox() {
  return h('form', { class: 'card row', onsubmit: (ev) => { ev.preventDefault(); sessionStorage.setItem('isnad-token', new FormData(ev.target).get('token')); render(); } },
    h('label', {}, t('token'), ' ', h('input', { name: 'token', type: 'password', value: token(), autocomplete: 'off', dir: 'ltr' })),
    h('button', {}, t('save')));
}

function decisionForm(title, fields, make) {
  const msg = h('span', { role: 'status' });
  return h('form', { class: 'card', onsubmit: async (ev) => {
    ev.preventDefault();
    const v = Object.fromEntries(new FormData(ev.target));
    try { await write('/api/curation', { decision: make(v), author: v.author || undefined }); msg.textContent = t('done'); render(); } catch (e) { msg.textContent = e.message; }
  } }, h('h2', {}, t(title)), h('div', { class: 'row' }, fields.map(([name, label, type]) => h('label', {}, t(label), ' ', h('input', { name, type: type || 'text', dir: 'auto', required: true }))),
    h('label', {}, t('author'), ' ', h('input', { name: 'author', dir: 'auto' })), h('button', { class: 'primary' }, t('save')), msg));
}

async function curation() {
  const hist = await api('/api/curation');
  const num = (x) => Number.parseInt(x, 10);
  show(h('h1', {}, t('curation')), tokenBox(),
    decisionForm('merge', [['entity', 'entityKey'], ['into', 'intoKey']], (v) => ({ action: 'merge', entity: v.entity, into: v.into })),
    decisionForm('retype', [['entity', 'entityKey'], ['type', 'type']], (v) => ({ action: 'retype', entity: v.entity, type: v.type.toUpperCase() })),
    decisionForm('alias', [['entity', 'entityKey'], ['alias', 'alias']], (v) => ({ action: 'alias', entity: v.entity, alias: v.alias })),
    decisionForm('rejectMention', [['doc', 'doc'], ['start', 'start', 'number'], ['end', 'end', 'number']], (v) => ({ action: 'reject_mention', doc: v.doc, start: num(v.start), end: num(v.end) })),
    decisionForm('rejectQuote', [['doc', 'doc'], ['start', 'start', 'number'], ['end', 'end', 'number']], (v) => ({ action: 'reject_quote', doc: v.doc, start: num(v.start), end: num(v.end) })),
    h('section', { class: 'card' }, h('h2', {}, t('history')), h('div', { class: 'scroll' }, h('table', {}, h('tbody', {}, hist.map((d) => h('tr', {},
      h('td', {}, d.id), h('td', {}, d.decision.action), h('td', { dir: 'auto' }, Object.entries(d.decision).filter(([k]) => k !== 'action').map(([k, v]) => `${k}=${v}`).join(' · ')),
      h('td', {}, bdi(d.author)), h('td', {}, d.at),
      h('td', {}, d.undone ? t('undone') : h('button', { type: 'button', onclick: async () => { await write(`/api/curation/${d.id}/undo`, {}); render(); } }, t('undo'))))))))));
}

function ingest() {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': t('ingest') });
  const status = h('p', { role: 'status' });
  const form = h('form', { class: 'card', onsubmit: (ev) => {
    ev.preventDefault();
    const fd = new FormData();
    for (const f of ev.target.elements.files.files) fd.append('file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/ingest');
    xhr.setRequestHeader('authorization', `Bearer ${token()}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (e.loaded / e.total) * 50; };
    xhr.onload = () => {
      let job; try { job = JSON.parse(xhr.responseText); } catch { job = { message: xhr.statusText }; }
      if (xhr.status !== 202) { status.textContent = `${job.code || ''} ${job.message || ''}`; return; }
      const poll = async () => {
        const j = await api(`/api/ingest/${job.id}`);
        status.textContent = `${j.state}: ${j.committed} / ${j.files} ${t('files')}`;
        if (j.state === 'done' || j.state === 'failed') {
          bar.value = 100;
          status.textContent = j.state === 'done' ? `${t('done')}: ${JSON.stringify(j.summary)}` : `${t('failed')}: ${j.error}`;
        } else { bar.value = Math.max(bar.value, 60); setTimeout(poll, 700); }
      };
      poll();
    };
    xhr.send(fd);
  } }, h('label', {}, t('files'), ' ', h('input', { type: 'file', name: 'files', multiple: true, required: true,
    accept: '.txt,.html,.htm,.jsonl,.json,.warc,.gz' })), ' ', h('button', { class: 'primary' }, t('upload')));
  show(h('h1', {}, t('ingest')), tokenBox(), form, bar, status);
}

async function stats() {
  const s = await api('/api/stats');
  show(h('h1', {}, t('stats')), h('table', { class: 'card' }, h('tbody', {}, Object.entries(s).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, bdi(v ?? '—')))))));
}

document.getElementById('lang').addEventListener('click', () => { lang = lang === 'ar' ? 'en' : 'ar'; localStorage.setItem('isnad-lang', lang); render(); });
window.addEventListener('hashchange', () => { render().then(() => main().focus({ preventScroll: true })); });
render();
