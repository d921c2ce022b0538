// tariffpress serve: the index and the document view, kept up to date over
// a WebSocket. Pages are images of the build's own compiled documents; each
// printed premium is a button over its figure that shows its worksheet.
"use strict";

const WORDS = {
  en: {
    index: "Programs", product: "Product", tariff: "Tariff in force", check: "check",
    checking: "check: running…", zoomIn: "Zoom in", zoomOut: "Zoom out", back: "All programs",
    building: "building…", live: "live", offline: "reconnecting…", failed: "The last build failed; the pages below are the last good ones.",
    field: "field", worksheet: "Worksheet", page: "page", noPages: "No pages yet.",
  },
  ja: {
    index: "プログラム一覧", product: "商品", tariff: "適用料率", check: "check",
    checking: "check: 実行中…", zoomIn: "拡大", zoomOut: "縮小", back: "一覧へ",
    building: "組版中…", live: "ライブ", offline: "再接続中…", failed: "直前のビルドに失敗しました。下のページは最後に成功した版です。",
    field: "項目", worksheet: "計算過程", page: "ページ", noPages: "まだページがありません。",
  },
};

let state = null;
let words = WORDS.en;
let zoom = Number(sessionStorage.getItem("tp-zoom") || "100");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function route() {
  const m = location.pathname.match(/^\/doc\/([^/]+)\/([^/]+)$/);
  return m ? { program: decodeURIComponent(m[1]), document: decodeURIComponent(m[2]) } : null;
}

function pageUrl(name, i, hash) {
  return `/pages/${name}/${i + 1}.png?v=${hash}`;
}

async function refresh() {
  const response = await fetch("/api/state", { cache: "no-store" });
  state = await response.json();
  words = WORDS[state.lang] || WORDS.en;
  document.documentElement.lang = state.lang;
  render();
}

function render() {
  renderOverlay();
  const r = route();
  if (r) renderDocument(r); else renderIndex();
  document.body.dataset.generation = String(state.generation);
}

function problemList(problems) {
  return problems.map((p) => el("div", { class: "problem" },
    p.location ? el("div", { class: "where" }, p.location) : null,
    p.path ? el("div", { class: "field" }, `${words.field}: ${p.path}`) : null,
    el("div", { class: "message" }, p.message),
    p.snippet ? el("pre", { class: "snippet" }, p.snippet) : null));
}

function renderOverlay() {
  const overlay = document.getElementById("overlay");
  overlay.replaceChildren();
  if (!state.error) { overlay.hidden = true; return; }
  overlay.append(el("h2", {}, state.error.summary), el("p", {}, words.failed), ...problemList(state.error.problems));
  overlay.hidden = false;
}

function renderCheck() {
  const c = state.check;
  if (!c) return el("div", { class: "check", id: "check" }, words.checking);
  const box = el("div", { class: c.ok ? "check ok" : "check bad", id: "check" }, el("strong", {}, `${words.check}: `), c.summary);
  if (!c.ok) box.append(...problemList(c.problems));
  return box;
}

function renderIndex() {
  document.title = "tariffpress";
  const main = document.getElementById("main");
  const list = el("div", { id: "index" }, el("h1", {}, words.index), renderCheck());
  for (const p of state.programs) {
    const docs = el("div", { class: "docs" });
    for (const d of p.documents) {
      const name = `${p.id}/${d}`;
      const doc = state.documents[name];
      const thumb = doc && doc.pages.length ? el("img", { src: pageUrl(name, 0, doc.pages[0]), alt: name, loading: "lazy" }) : el("div", {}, words.building);
      docs.append(el("a", { href: `/doc/${name}`, class: "doc-link", "data-name": name }, thumb, `${d} (${doc ? doc.pages.length : 0} ${words.page})`));
    }
    list.append(el("section", { class: "program", "data-program": p.id },
      el("h2", {}, `${p.title} — ${p.id}`),
      el("div", { class: "meta" }, p.tariff === null
        ? `${words.product}: ${p.product}`
        : `${words.product}: ${p.product} · ${words.tariff}: ${p.tariff}`),
      docs));
  }
  main.replaceChildren(list);
}

function renderDocument({ program, document: kind }) {
  const name = `${program}/${kind}`;
  document.title = `${name} — tariffpress`;
  const main = document.getElementById("main");
  let view = document.getElementById("doc");
  if (!view || view.dataset.name !== name) {
    view = el("div", { id: "doc", "data-name": name },
      el("div", { class: "tools" },
        el("a", { href: "/" }, `← ${words.back}`),
        el("strong", {}, name),
        el("button", { type: "button", id: "zoom-out", title: words.zoomOut, onclick: () => setZoom(zoom - 10) }, "−"),
        el("span", { id: "zoom" }, ""),
        el("button", { type: "button", id: "zoom-in", title: words.zoomIn, onclick: () => setZoom(zoom + 10) }, "+"),
        el("a", { href: `/files/${program}/${kind}.pdf`, id: "pdf-link" }, "PDF"),
        el("a", { href: `/files/${program}/rates.csv` }, "rates.csv"),
        el("a", { href: `/files/${program}/rates.json` }, "rates.json")),
      el("div", { class: "pages" }));
    main.replaceChildren(view);
    setZoom(zoom);
  }
  const doc = state.documents[name];
  const pages = view.querySelector(".pages");
  if (!doc) { pages.replaceChildren(el("p", {}, words.noPages)); return; }
  // Keep the page elements (and so the scroll position); swap only the
  // images whose hash moved.
  [...pages.querySelectorAll("p")].forEach((p) => p.remove());
  while (pages.children.length > doc.pages.length) pages.lastElementChild.remove();
  doc.pages.forEach((hash, i) => {
    let page = pages.children[i];
    if (!page) {
      page = el("div", { class: "page", "data-page": String(i + 1) }, el("img", { alt: `${name} ${i + 1}` }));
      pages.append(page);
    }
    const img = page.querySelector("img");
    if (page.dataset.hash !== hash) {
      img.src = pageUrl(name, i, hash);
      page.dataset.hash = hash;
    }
    // Spots are rebuilt only when they moved, so a chosen one stays.
    const spots = doc.spots.filter((s) => s.page === i + 1);
    const signature = JSON.stringify(spots);
    if (page.dataset.spots === signature) return;
    page.dataset.spots = signature;
    page.querySelectorAll(".spot").forEach((s) => s.remove());
    for (const s of spots) {
      const label = `${s.yen.toLocaleString("ja-JP")}円`;
      page.append(el("button", {
        type: "button", class: "spot", title: `${label} — ${s.key}`, "aria-label": label,
        "data-key": s.key, "data-yen": String(s.yen),
        style: `left:${s.x * 100}%;top:${s.y * 100}%;width:${s.w * 100}%;height:${s.h * 100}%`,
        onclick: (e) => explain(s, e.currentTarget),
      }));
    }
  });
  setZoom(zoom);
}

function setZoom(value) {
  zoom = Math.min(300, Math.max(30, value));
  sessionStorage.setItem("tp-zoom", String(zoom));
  const label = document.getElementById("zoom");
  if (label) label.textContent = `${zoom}%`;
  document.querySelectorAll(".page").forEach((p) => { p.style.width = `${(zoom / 100) * 794}px`; });
  const pages = document.querySelector(".pages");
  if (pages) pages.style.setProperty("--zoom", zoom);
}

async function explain(spot, button) {
  document.querySelectorAll(".spot.chosen").forEach((s) => s.classList.remove("chosen"));
  button.classList.add("chosen");
  const panel = document.getElementById("worksheet");
  const response = await fetch(`/api/explain?key=${encodeURIComponent(spot.key)}`);
  const text = response.ok ? (await response.json()).text : await response.text();
  panel.querySelector("h2").textContent = `${words.worksheet}: ${spot.yen.toLocaleString("ja-JP")}円 (${spot.key})`;
  panel.querySelector("pre").textContent = text;
  panel.dataset.key = spot.key;
  panel.hidden = false;
}

function connect() {
  const status = document.getElementById("status");
  const socket = new WebSocket(`ws://${location.host}/api/live`);
  socket.onopen = () => { status.textContent = words.live; };
  socket.onmessage = () => refresh();
  socket.onclose = () => { status.textContent = words.offline; setTimeout(connect, 1000); };
}

document.getElementById("close-worksheet").addEventListener("click", () => {
  document.getElementById("worksheet").hidden = true;
});
refresh().then(() => { setZoom(zoom); connect(); });
