// The review page. Talks to this server only (its Content-Security-Policy allows nothing
// else): /v1/review/* to read a transcript, /v1/redact/file with the decisions to
// download it, and a project's dictionary and settings routes to remember decisions.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const TYPE_NAMES = {
    PERSON: "Person", ORGANIZATION: "Organization", UNIVERSITY: "University", PRODUCT: "Product",
    LOCATION: "Place", EMAIL_ADDRESS: "Email address", PHONE_NUMBER: "Phone number", URL: "Web address",
    PLACEHOLDER: "Placeholder",
  };
  // What a project dictionary holds; contacts cannot be remembered.
  const DICTIONARY_TYPES = new Set(["PERSON", "ORGANIZATION", "UNIVERSITY", "PRODUCT", "LOCATION"]);
  const WORD = /[\p{L}\p{N}_]/u;
  const REVIEWED = new Set(["finding", "suggestion"]);

  const state = {
    key: "",
    session: null,
    file: null,
    doc: null,
    items: [],
    seq: 0,
    current: null, // id of the current item
    undo: [],
    addSpan: null, // [start, end] of a proposed name
    addFromSearch: false,
    result: null,
    search: { term: "", from: 0 },
    nextAdded: 1,
  };

  const typeName = (t) => TYPE_NAMES[t] || t;

  // -- the server -------------------------------------------------------------------------
  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    if (state.key) headers.set("Authorization", "Bearer " + state.key);
    return fetch(path, { ...options, headers, credentials: "same-origin", cache: "no-store" });
  }

  async function problem(response) {
    let detail = "";
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail
        : Array.isArray(body.detail) ? body.detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ") : "";
    } catch (_) { /* not JSON */ }
    if (response.status === 401) return "The API key was not accepted: it is unknown or revoked. Enter a valid project key.";
    if (response.status === 403) return "This key may not do that" + (detail ? ": " + detail : ".");
    if (response.status === 413) return "The file is too large for this server" + (detail ? ": " + detail : ".");
    return detail || `The server answered ${response.status}.`;
  }

  function say(id, message, isError = false) {
    const el = $(id);
    el.textContent = message;
    el.classList.toggle("error", isError);
  }

  // -- session: key, project, role ---------------------------------------------------------
  async function loadSession() {
    let response;
    try {
      response = await api("/v1/review/session");
    } catch (_) {
      say("error", "The server cannot be reached.");
      return;
    }
    if (!response.ok) {
      const message = await problem(response);
      state.key = "";
      say("key-status", message, true);
      return;
    }
    const session = await response.json();
    state.session = session;
    const project = $("project");
    project.replaceChildren(new Option("No project", ""));
    if (session.project) {
      const option = new Option(`${session.project.name} (project ${session.project.id})`, String(session.project.id));
      project.add(option);
      project.value = String(session.project.id);
    }
    if (state.key) {
      say("key-status", session.role === "admin"
        ? `Key accepted: admin of ${session.project.name}. Decisions can be remembered in the project.`
        : `Key accepted: ${session.role} of ${session.project.name}. Remembering decisions needs an admin key.`);
    }
    $("key-need").textContent = session.require_api_key ? "(required on this server)" : "(optional: needed to use a project)";
    const locked = session.require_api_key && !state.key;
    $("file").disabled = locked;
    $("drop").classList.toggle("locked", locked);
    if (locked) say("open-status", "This server needs a project API key: enter one above to open a transcript.");
    else say("open-status", "");
    fillSelect($("format"), "From the file", session.formats);
    fillSelect($("language"), "Detect", session.languages);
    const types = session.entity_types;
    $("add-type").replaceChildren(...types.map((t) => new Option(typeName(t), t)));
    $("type-buttons").replaceChildren(...types.slice(0, 9).map((t, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.dataset.type = t;
      b.textContent = `${i + 1} ${typeName(t)}`;
      b.addEventListener("click", () => chooseType(t));
      return b;
    }));
    updateRememberHint();
  }

  function fillSelect(select, first, values) {
    const keep = select.value;
    select.replaceChildren(new Option(first, ""), ...values.map((v) => new Option(v, v)));
    if (values.includes(keep)) select.value = keep;
  }

  function projectId() { return $("project").value || ""; }
  function canRemember() {
    return Boolean(projectId() && state.session && state.session.role === "admin" && state.session.project
      && String(state.session.project.id) === projectId());
  }

  function updateRememberHint() {
    const ok = canRemember();
    $("remember").disabled = !ok;
    $("add-remember").disabled = !ok;
    if (!ok) { $("remember").checked = false; $("add-remember").checked = false; }
    $("remember-hint").textContent = ok ? "" : (projectId()
      ? "Remembering needs an admin key of the project." : "Choose a project to remember decisions in it.");
  }

  // -- opening a file ------------------------------------------------------------------------
  async function openFile(file) {
    if (!file) return;
    say("error", "");
    say("open-status", `Reading ${file.name}…`);
    $("transcript").setAttribute("aria-busy", "true");
    const form = new FormData();
    form.append("file", file, file.name);
    if ($("format").value) form.append("format", $("format").value);
    if (projectId()) form.append("project", projectId());
    if ($("language").value) form.append("language", $("language").value);
    let response;
    try {
      response = await api("/v1/review/analyze", { method: "POST", body: form });
    } catch (_) {
      response = null;
    }
    $("transcript").setAttribute("aria-busy", "false");
    if (!response || !response.ok) {
      say("open-status", "");
      say("error", response ? `${file.name}: ${await problem(response)}` : "The server cannot be reached.");
      return;
    }
    const doc = await response.json();
    state.file = file;
    state.doc = doc;
    state.items = buildItems(doc);
    state.seq = 0;
    state.undo = [];
    state.result = null;
    state.current = null;
    state.addSpan = null;
    state.search = { term: "", from: 0 };
    $("review").hidden = false;
    $("add").hidden = true;
    $("download-record").hidden = true;
    $("download-decisions").hidden = true;
    $("record").hidden = true;
    $("override").checked = false; // an explicit choice for each document
    $("sensitive").checked = false;
    say("finish-status", "");
    const findings = state.items.filter((i) => i.tier === "finding").length;
    const suggestions = state.items.filter((i) => i.tier === "suggestion").length;
    $("review-title").textContent = `${doc.filename || "transcript"} (${doc.format}${doc.project ? ", project " + doc.project.name : ""})`;
    say("open-status", `${file.name}: ${findings} findings and ${suggestions} suggestions to review.`);
    render();
    const first = ordered().find((i) => !i.decision);
    if (first) select(first.id, { focus: true });
    $("review").dataset.opened = String(Number($("review").dataset.opened || 0) + 1);
  }

  function buildItems(doc) {
    const items = [];
    doc.findings.forEach((f, n) => items.push({
      id: "f" + n, tier: f.entity_type === "PLACEHOLDER" ? "placeholder" : "finding", start: f.start, end: f.end,
      type: f.entity_type, origType: f.entity_type, surrogate: f.surrogate, score: f.score, reason: f.reason,
      source: f.recognizer, line: f.line, col: f.col, decision: null, hiddenBy: null,
    }));
    doc.suggestions.forEach((s, n) => items.push({
      id: "s" + n, tier: "suggestion", start: s.start, end: s.end, type: s.entity_type, origType: s.entity_type,
      surrogate: null, score: s.score, reason: s.reason, source: s.source, line: s.line, col: s.col,
      termId: s.term_id ?? null, decision: null, hiddenBy: null,
    }));
    return items.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  // -- drawing the transcript -------------------------------------------------------------------
  const visible = () => state.items.filter((i) => !i.hiddenBy).sort((a, b) => a.start - b.start);
  const ordered = () => visible().filter((i) => i.tier !== "placeholder");
  const byId = (id) => state.items.find((i) => i.id === id);
  const surface = (item) => state.doc.text.slice(item.start, item.end);

  function itemState(item) {
    const d = item.decision;
    if (!d) return item.tier === "added" ? "accepted" : "pending";
    if (d.action === "reject") return "rejected";
    if (d.action === "retype" || (d.type && d.type !== item.origType)) return "retyped";
    return "accepted";
  }

  function outcome(item) {
    const st = itemState(item);
    if (item.tier === "placeholder") return "kept as written";
    if (st === "rejected") return "stays as written";
    if (item.tier === "suggestion" && st === "pending") return "not replaced unless accepted";
    if (item.surrogate && item.type === item.origType) return `becomes ${item.surrogate}`;
    const name = typeName(item.type);
    return `becomes ${/^[AEIOU]/.test(name) ? "an" : "a"} ${name} pseudonym`;
  }

  const STATE_WORDS = { pending: "not yet reviewed", accepted: "accepted", rejected: "rejected", retyped: "type changed" };
  const TIER_WORDS = { finding: "finding", suggestion: "suggestion", added: "added by you", placeholder: "placeholder" };

  function label(item) {
    const quoted = `“${surface(item).replace(/\s+/g, " ")}”`;
    if (item.tier === "placeholder") return `${quoted}: placeholder, kept as written`;
    const parts = [`${quoted}: ${typeName(item.type)}`, TIER_WORDS[item.tier], outcome(item)];
    if (item.score != null && item.tier !== "added") parts.push(`confidence ${Math.round(item.score * 100)}%`);
    parts.push(STATE_WORDS[itemState(item)]);
    if (item.decision && item.decision.via) parts.push("decided with another mention");
    return parts.join(", ");
  }

  function render() {
    const host = $("transcript");
    const text = state.doc.text;
    const items = visible();
    const cuts = new Set([0, text.length]);
    const cues = new Map();
    const speakers = [];
    for (const seg of state.doc.segments) {
      cuts.add(seg.start);
      if (seg.begin) cues.set(seg.start, seg.begin);
      if (seg.speaker_start != null && seg.speaker_end != null) {
        speakers.push([seg.speaker_start, seg.speaker_end]);
        cuts.add(seg.speaker_start); cuts.add(seg.speaker_end);
      }
    }
    for (const item of items) { cuts.add(item.start); cuts.add(item.end); }
    const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    let markItem = null;
    let markEl = null;
    let k = 0;
    for (let p = 0; p + 1 < points.length; p++) {
      const a = points[p];
      const b = points[p + 1];
      if (a === b) continue;
      while (k < items.length && items[k].end <= a) k++;
      const item = k < items.length && items[k].start <= a && b <= items[k].end ? items[k] : null;
      if (cues.has(a) && (!item || item.start === a)) out.appendChild(cueTime(cues.get(a)));
      if (item !== markItem) {
        markItem = item;
        markEl = item ? mark(item) : null;
        if (markEl) out.appendChild(markEl);
      }
      if (cues.has(a) && item && item.start !== a) markEl.appendChild(cueTime(cues.get(a)));
      const piece = document.createElement("span");
      piece.dataset.o = String(a);
      piece.textContent = text.slice(a, b);
      if (speakers.some(([s, e]) => s <= a && b <= e)) piece.className = "speaker";
      (markEl || out).appendChild(piece);
    }
    host.replaceChildren(out);
    markCurrent();
    updateProgress();
  }

  function cueTime(value) {
    const el = document.createElement("span");
    el.className = "cue-time";
    el.textContent = value;
    return el;
  }

  function mark(item) {
    const el = document.createElement("mark");
    el.className = `hl ${item.tier}`;
    el.dataset.id = item.id;
    el.dataset.type = item.type;
    el.dataset.state = itemState(item);
    el.setAttribute("aria-label", label(item));
    if (item.tier !== "placeholder") {
      el.setAttribute("role", "button");
      el.tabIndex = item.id === state.current ? 0 : -1;
    }
    return el;
  }

  const markOf = (id) => $("transcript").querySelector(`mark[data-id="${CSS.escape(id)}"]`);

  function markCurrent() {
    for (const el of $("transcript").querySelectorAll("mark.current")) el.classList.remove("current");
    const el = state.current ? markOf(state.current) : null;
    if (el) { el.classList.add("current"); el.tabIndex = 0; }
    showCurrent();
  }

  // -- the current item ---------------------------------------------------------------------------
  function select(id, { focus = false } = {}) {
    const previous = state.current ? markOf(state.current) : null;
    if (previous) previous.tabIndex = -1;
    state.current = id;
    closeTypes();
    markCurrent();
    const el = markOf(id);
    if (el) {
      el.scrollIntoView({ block: "nearest" });
      if (focus) el.focus({ preventScroll: true });
    }
  }

  function showCurrent() {
    const box = $("current");
    const item = state.current ? byId(state.current) : null;
    if (!item) {
      box.replaceChildren(hint("Press j to go to the first finding, or click a highlight."));
      for (const id of ["accept", "reject", "retype"]) $(id).disabled = true;
      return;
    }
    for (const id of ["accept", "reject", "retype"]) $(id).disabled = item.tier === "placeholder";
    const rows = [
      ["Text", `“${surface(item).replace(/\s+/g, " ")}”`],
      ["Type", typeName(item.type)],
      ["Tier", TIER_WORDS[item.tier]],
      ["Outcome", outcome(item)],
    ];
    if (item.tier !== "added") rows.push(["Confidence", `${Math.round(item.score * 100)}%`]);
    if (item.reason) rows.push(["Why", item.reason]);
    if (item.tier === "suggestion" && item.termId != null) {
      rows.push(["Project", "sounds like a term of this project's dictionary; remembering adds these words to that term"]);
    } else if (item.source && item.source.startsWith("project_dictionary")) {
      rows.push(["Project", "remembered in this project's dictionary"]);
    }
    if (item.line != null) rows.push(["Where", `line ${item.line}, column ${item.col}`]);
    rows.push(["Status", STATE_WORDS[itemState(item)] + (item.decision && item.decision.via ? " (with another mention)" : "")]);
    const dl = document.createElement("dl");
    for (const [k, v] of rows) {
      const dt = document.createElement("dt"); dt.textContent = k;
      const dd = document.createElement("dd"); dd.textContent = v;
      if (k === "Type") dd.className = "current-type";
      dl.append(dt, dd);
    }
    box.replaceChildren(dl);
  }

  function hint(text) {
    const p = document.createElement("p");
    p.className = "hint";
    p.textContent = text;
    return p;
  }

  function steppable() {
    const filter = $("step").value;
    return ordered().filter((i) => filter === "all" || i.tier === filter || (filter === "pending" && !i.decision));
  }

  function move(delta) {
    const list = steppable();
    if (!list.length) return;
    const cur = state.current ? byId(state.current) : null;
    let target;
    if (!cur) target = delta > 0 ? list[0] : list[list.length - 1];
    else if (delta > 0) target = list.find((i) => i.start > cur.start || (i.start === cur.start && i.end > cur.end)) || list[list.length - 1];
    else target = [...list].reverse().find((i) => i.start < cur.start || (i.start === cur.start && i.end < cur.end)) || list[0];
    select(target.id, { focus: true });
  }

  // -- decisions ------------------------------------------------------------------------------------
  function snapshot() {
    state.undo.push(JSON.stringify({ items: state.items, seq: state.seq, current: state.current, nextAdded: state.nextAdded }));
    if (state.undo.length > 500) state.undo.shift();
  }

  function undo() {
    const last = state.undo.pop();
    if (!last) { say("finish-status", "Nothing to undo."); return; }
    const saved = JSON.parse(last);
    Object.assign(state, { items: saved.items, seq: saved.seq, current: saved.current, nextAdded: saved.nextAdded });
    render();
    if (state.current) select(state.current, { focus: true });
    say("finish-status", "Undone.");
  }

  const normal = (s) => s.replace(/\s+/g, " ").trim().replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, "")
    .replace(/(['’]s|s['’]|['’])$/i, "").replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, "").toLowerCase();

  // Every whole-word mention of the words in [start, end), any casing and spacing (as the engine finds them).
  function mentions(start, end) {
    const words = state.doc.text.slice(start, end).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped.join("\\s+")}(?![\\p{L}\\p{N}_])`, "giu");
    return [...state.doc.text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);
  }

  function decision(action, type, extra = {}) {
    return {
      action, type, applyAll: $("apply-all").checked, remember: $("remember").checked && !$("remember").disabled,
      aliases: [], time: new Date().toISOString(), seq: ++state.seq, via: null, ...extra,
    };
  }

  function decide(action, newType) {
    const item = state.current ? byId(state.current) : null;
    if (!item || item.tier === "placeholder") return;
    snapshot();
    if (item.tier === "added" && action === "reject") {
      removeAdded(item);
    } else {
      const type = newType || item.type;
      if (item.tier === "added") {
        item.type = type;
        item.decision = { ...item.decision, type, time: new Date().toISOString() };
      } else {
        item.decision = decision(action, action === "reject" ? item.origType : type);
        if (action !== "reject") item.type = type; else item.type = item.origType;
        if (item.decision.remember && action !== "reject" && !DICTIONARY_TYPES.has(type)) item.decision.remember = false;
        if (item.decision.applyAll) applyToMentions(item);
      }
    }
    $("apply-all").checked = false;
    $("remember").checked = false;
    render();
    const next = ordered().find((i) => !i.decision && (i.start > item.start || (i.start === item.start && i.end > item.end)))
      || ordered().find((i) => !i.decision);
    select(next ? next.id : item.id, { focus: true });
    announce(item);
  }

  function announce(item) {
    const st = STATE_WORDS[itemState(item)] || "removed";
    say("finish-status", `“${surface(item).replace(/\s+/g, " ")}” ${st}.`);
  }

  function applyToMentions(item) {
    const form = normal(surface(item));
    const d = item.decision;
    for (const other of visible()) {
      if (other === item || other.tier === "placeholder" || (other.decision && !other.decision.via)) continue;
      if (normal(surface(other)) !== form) continue;
      other.decision = { action: d.action, type: d.type, via: item.id, seq: d.seq, time: d.time };
      other.type = d.action === "reject" ? other.origType : d.type;
    }
    if (d.action === "reject") return;
    for (const [s, e] of mentions(item.start, item.end)) {
      const touching = visible().filter((x) => x.start < e && s < x.end);
      if (touching.length) continue; // already an item (decided above), a longer name, or a placeholder
      state.items.push(addedItem(s, e, d.type, { action: "add", type: d.type, via: item.id, seq: d.seq, time: d.time }));
    }
  }

  function addedItem(start, end, type, dec) {
    return {
      id: "a" + state.nextAdded++, tier: "added", start, end, type, origType: type, surrogate: null, score: null,
      reason: "added by you", source: "review", line: null, col: null, decision: dec, hiddenBy: null,
    };
  }

  function removeAdded(item) {
    const gone = new Set([item.id]);
    for (const x of state.items) if (x.tier === "added" && x.decision && x.decision.via === item.id) gone.add(x.id);
    state.items = state.items.filter((x) => !gone.has(x.id));
    for (const x of state.items) {
      if (gone.has(x.hiddenBy)) x.hiddenBy = null;
      if (x.decision && x.decision.via === item.id) { x.decision = null; x.type = x.origType; }
    }
  }

  // -- adding a missed name -------------------------------------------------------------------------
  function trimSpan(start, end) {
    const text = state.doc.text;
    while (start < end && !WORD.test(text[start])) start++;
    while (end > start && !WORD.test(text[end - 1])) end--;
    if (/['’]s$/i.test(text.slice(start, end)) && end - start > 2) end -= 2;
    return start < end ? [start, end] : null;
  }

  function offsetOf(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const piece = node.parentElement && node.parentElement.closest("[data-o]");
      return piece ? Number(piece.dataset.o) + offset : null;
    }
    const pieces = [...node.querySelectorAll ? node.querySelectorAll("[data-o]") : []];
    if (node.dataset && node.dataset.o !== undefined) pieces.unshift(node);
    if (!pieces.length) return null;
    const child = node.childNodes[offset];
    if (child) {
      const first = child.nodeType === Node.ELEMENT_NODE ? (child.dataset.o !== undefined ? child : child.querySelector("[data-o]")) : null;
      if (first) return Number(first.dataset.o);
    }
    const last = pieces[pieces.length - 1];
    return Number(last.dataset.o) + last.textContent.length;
  }

  function onSelection() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount || !state.doc) return;
    const range = sel.getRangeAt(0);
    if (!$("transcript").contains(range.commonAncestorContainer)) return;
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (start == null || end == null) return;
    proposeAdd(Math.min(start, end), Math.max(start, end), false);
  }

  function proposeAdd(start, end, fromSearch) {
    const span = trimSpan(start, end);
    if (!span) return;
    state.addSpan = span;
    state.addFromSearch = fromSearch;
    const text = state.doc.text.slice(span[0], span[1]).replace(/\s+/g, " ");
    $("add-text").textContent = text;
    const under = visible().find((x) => x.start < span[1] && span[0] < x.end && x.tier !== "placeholder");
    if (under && $("add-type").querySelector(`option[value="${under.type}"]`)) $("add-type").value = under.type;
    else $("add-type").value = $("add-type").options.length ? $("add-type").options[0].value : "";
    $("add-aliases").value = "";
    $("add-all").checked = true;
    $("add-remember").checked = false;
    updateRememberHint();
    $("add").hidden = false;
    if (fromSearch) $("add-type").focus();
  }

  function confirmAdd() {
    if (!state.addSpan) return;
    const [s, e] = state.addSpan;
    const type = $("add-type").value;
    if (!type) return;
    snapshot();
    const overlapping = visible().filter((x) => x.start < e && s < x.end && x.tier !== "placeholder");
    let start = s;
    let end = e;
    for (const x of overlapping) {
      if (x.tier !== "suggestion" && itemState(x) !== "rejected") { start = Math.min(start, x.start); end = Math.max(end, x.end); }
    }
    const remember = $("add-remember").checked && !$("add-remember").disabled && DICTIONARY_TYPES.has(type);
    const aliases = $("add-aliases").value.split(",").map((a) => a.trim()).filter(Boolean);
    const own = addedItem(start, end, type, {
      action: "add", type, applyAll: $("add-all").checked, remember, aliases, time: new Date().toISOString(),
      seq: ++state.seq, via: null, span: [s, e],
    });
    for (const x of overlapping) {
      x.hiddenBy = own.id;
      if (!x.decision) x.decision = { action: "add", type, via: own.id, seq: own.decision.seq, time: own.decision.time };
    }
    state.items.push(own);
    if (own.decision.applyAll) {
      for (const [ms, me] of mentions(s, e)) {
        if (ms === s && me === e) continue;
        const touching = visible().filter((x) => x.start < me && ms < x.end);
        if (touching.some((x) => x.tier === "placeholder" || x.id === own.id)) continue;
        if (touching.some((x) => x.start <= ms && me <= x.end && !(x.start === ms && x.end === me))) continue;
        const exact = touching.find((x) => x.start === ms && x.end === me);
        if (exact && exact.decision && !exact.decision.via) continue;
        if (exact) {
          exact.decision = { action: "accept", type, via: own.id, seq: own.decision.seq, time: own.decision.time };
          exact.type = type;
          continue;
        }
        const extra = addedItem(ms, me, type, { action: "add", type, via: own.id, seq: own.decision.seq, time: own.decision.time });
        for (const x of touching) { x.hiddenBy = extra.id; if (!x.decision) x.decision = { action: "add", type, via: own.id }; }
        state.items.push(extra);
      }
    }
    state.addSpan = null;
    $("add").hidden = true;
    window.getSelection().removeAllRanges();
    render();
    select(own.id, { focus: true });
    say("finish-status", `Added “${surface(own).replace(/\s+/g, " ")}” as ${typeName(type)}.`);
  }

  function cancelAdd() {
    state.addSpan = null;
    $("add").hidden = true;
    focusCurrent();
  }

  // -- search ---------------------------------------------------------------------------------------
  function searchNext() {
    const term = $("search").value.trim();
    if (!term || !state.doc) return;
    const text = state.doc.text.toLowerCase();
    if (term !== state.search.term) state.search = { term, from: 0 };
    let at = text.indexOf(term.toLowerCase(), state.search.from);
    if (at < 0) at = text.indexOf(term.toLowerCase(), 0);
    if (at < 0) { say("search-status", "no match"); return; }
    state.search.from = at + term.length;
    const total = text.split(term.toLowerCase()).length - 1;
    say("search-status", `match at line ${lineOf(at)}; ${total} in all`);
    showMatch(at, at + term.length);
    proposeAdd(at, at + term.length, true);
  }

  function lineOf(offset) { return state.doc.text.slice(0, offset).split("\n").length; }

  function showMatch(start, end) {
    const pieces = [...$("transcript").querySelectorAll("[data-o]")];
    const find = (offset) => {
      let best = null;
      for (const p of pieces) { if (Number(p.dataset.o) <= offset) best = p; else break; }
      return best;
    };
    const a = find(start);
    const b = find(end - 1);
    if (!a || !b || !a.firstChild || !b.firstChild) return;
    const range = document.createRange();
    range.setStart(a.firstChild, start - Number(a.dataset.o));
    range.setEnd(b.firstChild, end - Number(b.dataset.o));
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    a.scrollIntoView({ block: "center" });
  }

  // -- change type ------------------------------------------------------------------------------------
  function openTypes() {
    const item = state.current ? byId(state.current) : null;
    if (!item || item.tier === "placeholder") return;
    $("types").hidden = false;
    const first = $("type-buttons").querySelector("button");
    if (first) first.focus();
  }

  function closeTypes() { $("types").hidden = true; }

  function chooseType(type) {
    const item = state.current ? byId(state.current) : null;
    closeTypes();
    if (!item) return;
    decide(item.tier === "finding" ? "retype" : "accept", type);
  }

  function focusCurrent() {
    const el = state.current ? markOf(state.current) : null;
    if (el) el.focus();
  }

  // -- progress and download --------------------------------------------------------------------------
  function updateProgress() {
    const items = state.items.filter((i) => REVIEWED.has(i.tier));
    const done = items.filter((i) => i.decision).length;
    $("progress").textContent = `${done} of ${items.length} reviewed`;
    $("progress-bar").max = Math.max(1, items.length);
    $("progress-bar").value = done;
    const findings = state.items.filter((i) => i.tier === "finding").length;
    const suggestions = state.items.filter((i) => i.tier === "suggestion").length;
    const added = state.items.filter((i) => i.tier === "added" && !(i.decision && i.decision.via)).length;
    $("counts").textContent = `${findings} findings · ${suggestions} suggestions · ${added} added`;
    const complete = done === items.length;
    const ready = complete || $("override").checked;
    $("download").disabled = !ready;
    $("download-hint").textContent = complete ? "Everything is reviewed." : ready
      ? `${items.length - done} not reviewed: the review record lists them.`
      : `Review the remaining ${items.length - done} to download, or tick the box above to download anyway.`;
  }

  function decisionsDocument() {
    const reviewer = $("reviewer").value.trim() || null;
    const primary = state.items.filter((i) => i.decision && !i.decision.via && (REVIEWED.has(i.tier) || i.tier === "added"))
      .sort((a, b) => a.decision.seq - b.decision.seq);
    const decisions = primary.map((i) => {
      const d = i.decision;
      const [start, end] = i.tier === "added" ? d.span : [i.start, i.end];
      return {
        start, end, action: d.action, entity_type: d.type || i.type, apply_to_all: Boolean(d.applyAll),
        remember: Boolean(d.remember), reviewer, time: d.time, tier: i.tier,
      };
    });
    return {
      version: 1,
      document: { sha256: state.doc.sha256, format: state.doc.format, filename: state.doc.filename },
      decisions,
    };
  }

  async function remember(doc) {
    if (!canRemember()) return [];
    const id = projectId();
    const notes = [];
    const allow = [];
    for (const d of doc.decisions) {
      if (!d.remember) continue;
      const text = state.doc.text.slice(d.start, d.end).replace(/\s+/g, " ").trim();
      if (d.action === "reject") { allow.push(text); continue; }
      if (!DICTIONARY_TYPES.has(d.entity_type)) continue;
      // A sound-alike of a dictionary term ("alter ex"): these words become another way of
      // writing that term, so they get its surrogate, here and in every later transcript.
      const heard = state.items.find((i) => i.tier === "suggestion" && i.termId != null && i.start === d.start
        && i.end === d.end && i.type === d.entity_type);
      if (heard) {
        const added = await api(`/v1/projects/${id}/dictionary/${heard.termId}/aliases`, {
          method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ alias: text }),
        });
        if (added.ok) { notes.push(`“${text}” joined the project dictionary as another way of writing a term`); continue; }
        if (added.status !== 409) throw new Error(await problem(added));
      }
      const own = state.items.find((i) => i.decision && i.decision.seq && !i.decision.via && i.tier === "added"
        && i.decision.span && i.decision.span[0] === d.start && i.decision.span[1] === d.end);
      const aliases = own ? own.decision.aliases : [];
      const response = await api(`/v1/projects/${id}/dictionary`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ term: text, entity_type: d.entity_type, aliases }),
      });
      if (response.status === 201) notes.push(`“${text}” joined the project dictionary`);
      else if (response.status === 409) notes.push(`“${text}” was already in the project dictionary`);
      else throw new Error(await problem(response));
    }
    if (allow.length) {
      const current = await api(`/v1/projects/${id}`);
      if (!current.ok) throw new Error(await problem(current));
      const project = await current.json();
      const list = project.settings.allow_list || [];
      const known = new Set(list.map((w) => normal(w)));
      const added = allow.filter((w) => !known.has(normal(w)) && known.add(normal(w)));
      if (added.length) {
        const response = await api(`/v1/projects/${id}`, {
          method: "PATCH", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ settings: { allow_list: [...list, ...added] } }),
        });
        if (!response.ok) throw new Error(await problem(response));
      }
      notes.push(`${allow.length} word${allow.length > 1 ? "s" : ""} joined the project's allow list`);
    }
    return notes;
  }

  function outputName(suffix) {
    const name = state.doc.filename || "transcript";
    const dot = name.lastIndexOf(".");
    return dot > 0 ? `${name.slice(0, dot)}${suffix}${name.slice(dot)}` : `${name}${suffix}`;
  }

  function baseName() {
    const name = state.doc.filename || "transcript";
    const dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(0, dot) : name;
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  async function download() {
    if ($("download").disabled) return;
    say("error", "");
    const doc = decisionsDocument();
    $("download").disabled = true;
    say("finish-status", "Redacting…");
    try {
      // Remember first, so that the file downloaded now and `tanon redact --decisions` later see the same project.
      const notes = await remember(doc);
      const form = new FormData();
      form.append("file", state.file, state.file.name);
      form.append("format", state.doc.format);
      if (projectId()) form.append("project", projectId());
      if ($("language").value) form.append("language", $("language").value);
      form.append("decisions", JSON.stringify(doc));
      const sensitive = $("sensitive").checked ? "&sensitive_record=true" : "";
      const response = await api(`/v1/redact/file?report=true${sensitive}`, { method: "POST", body: form });
      if (!response.ok) throw new Error(await problem(response));
      const result = await response.json();
      state.result = { ...result, decisions: doc };
      const bytes = Uint8Array.from(atob(result.data_base64), (c) => c.charCodeAt(0));
      save(new Blob([bytes], { type: result.content_type }), outputName(".redacted"));
      $("download-record").hidden = false;
      $("download-decisions").hidden = false;
      showRecord(result.review);
      const review = result.review || {};
      const summary = review.summary ? `${review.summary.decisions} decisions, ${review.summary.not_reviewed} not reviewed` : "";
      say("finish-status", [`Downloaded ${outputName(".redacted")}: ${result.summary.replacements} replacements`, summary, ...notes]
        .filter(Boolean).join("; ") + ".");
    } catch (error) {
      say("finish-status", "");
      say("error", `Download failed: ${error.message}`);
    } finally {
      updateProgress();
    }
  }

  function showRecord(record) {
    if (!record) return;
    const s = record.summary;
    $("record-summary").textContent = `${s.decisions} decisions by ${record.reviewers.join(", ") || "an unnamed reviewer"}; `
      + `${s.findings} findings, ${s.suggestions} suggestions, ${s.not_reviewed} not reviewed; ${s.replacements} replacements in the file.`
      + (record.complete ? " Complete." : " Not complete: the record lists what was not reviewed.");
    const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");
    $("record-rows").replaceChildren(...record.decisions.map((d) => {
      const tr = document.createElement("tr");
      const item = record.sensitive && d.text ? `${d.tier}: “${d.text}”` : d.tier;
      const action = d.action + (d.apply_to_all ? ", every mention" : "") + (d.remember ? ", remembered" : "");
      for (const value of [String(d.n), item, action, typeName(d.entity_type || ""), d.surrogate || "(left as written)",
        d.reviewer || "", when(d.time), `line ${d.line}, column ${d.col}`]) {
        const td = document.createElement("td");
        td.textContent = value;
        tr.appendChild(td);
      }
      return tr;
    }));
    $("record").hidden = false;
  }

  function downloadRecord() {
    if (!state.result || !state.result.review) return;
    const record = state.result.review;
    const name = `${baseName()}.review-record${record.sensitive ? ".sensitive" : ""}.json`;
    save(new Blob([JSON.stringify(record, null, 2)], { type: "application/json" }), name);
  }

  function downloadDecisions() {
    if (!state.result) return;
    save(new Blob([JSON.stringify(state.result.decisions, null, 2)], { type: "application/json" }), `${baseName()}.decisions.json`);
  }

  // -- tooltip ----------------------------------------------------------------------------------------
  function showTip(el) {
    const item = byId(el.dataset.id);
    if (!item) return;
    const tip = $("tip");
    const lines = [
      `${typeName(item.type)} · ${TIER_WORDS[item.tier]} · ${outcome(item)}`,
      item.tier === "added" || item.score == null ? "" : `confidence ${Math.round(item.score * 100)}%`,
      item.reason || "",
      STATE_WORDS[itemState(item)] || "",
    ].filter(Boolean);
    tip.replaceChildren(...lines.map((line, n) => {
      const div = document.createElement("div");
      if (n === 0) { const b = document.createElement("b"); b.textContent = line; div.appendChild(b); } else div.textContent = line;
      return div;
    }));
    tip.hidden = false;
    const box = el.getBoundingClientRect();
    tip.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + window.innerWidth - tip.offsetWidth - 8))}px`;
    tip.style.top = `${window.scrollY + box.bottom + 6}px`;
    el.setAttribute("aria-describedby", "tip");
  }

  function hideTip(el) {
    $("tip").hidden = true;
    if (el) el.removeAttribute("aria-describedby");
  }

  // -- wiring -----------------------------------------------------------------------------------------
  function wire() {
    $("key-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      state.key = $("api-key").value.trim();
      loadSession();
    });
    $("project").addEventListener("change", () => {
      updateRememberHint();
      if (state.file) openFile(state.file);
    });
    $("reviewer").value = localStorage.getItem("tanon.reviewer") || "";
    $("reviewer").addEventListener("change", () => localStorage.setItem("tanon.reviewer", $("reviewer").value.trim()));
    $("file").addEventListener("change", () => {
      const file = $("file").files[0];
      $("file").value = ""; // choosing the same file again opens it again
      openFile(file);
    });
    const drop = $("drop");
    drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (ev) => {
      ev.preventDefault();
      drop.classList.remove("over");
      if ($("file").disabled) return;
      const file = ev.dataTransfer.files[0];
      if (file) openFile(file);
    });
    $("prev").addEventListener("click", () => move(-1));
    $("next").addEventListener("click", () => move(1));
    $("undo").addEventListener("click", undo);
    $("accept").addEventListener("click", () => decide("accept"));
    $("reject").addEventListener("click", () => decide("reject"));
    $("retype").addEventListener("click", openTypes);
    $("add-confirm").addEventListener("click", confirmAdd);
    $("add-cancel").addEventListener("click", cancelAdd);
    $("override").addEventListener("change", updateProgress);
    $("download").addEventListener("click", download);
    $("download-record").addEventListener("click", downloadRecord);
    $("download-decisions").addEventListener("click", downloadDecisions);
    $("search").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); searchNext(); }
    });
    const transcript = $("transcript");
    transcript.addEventListener("click", (ev) => {
      const el = ev.target.closest("mark[data-id]");
      const sel = window.getSelection();
      if (el && el.getAttribute("role") === "button" && (!sel || sel.isCollapsed)) select(el.dataset.id, { focus: true });
    });
    transcript.addEventListener("mouseup", () => setTimeout(onSelection, 0));
    transcript.addEventListener("mouseover", (ev) => { const el = ev.target.closest("mark[data-id]"); if (el) showTip(el); });
    transcript.addEventListener("mouseout", (ev) => { const el = ev.target.closest("mark[data-id]"); if (el) hideTip(el); });
    transcript.addEventListener("focusin", (ev) => {
      const el = ev.target.closest("mark[data-id]");
      if (!el) return;
      showTip(el);
      if (el.dataset.id !== state.current) { state.current = el.dataset.id; markCurrent(); }
    });
    transcript.addEventListener("focusout", (ev) => { const el = ev.target.closest("mark[data-id]"); if (el) hideTip(el); });
    transcript.addEventListener("keydown", (ev) => {
      if ((ev.key === "Enter" || ev.key === " ") && ev.target.closest("mark[data-id]")) { ev.preventDefault(); decide("accept"); }
    });
    document.addEventListener("keydown", onKey);
  }

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !state.doc || $("review").hidden) return;
    const target = ev.target;
    const typing = (target.tagName === "INPUT" && !["checkbox", "button", "file"].includes(target.type))
      || target.tagName === "SELECT" || target.tagName === "TEXTAREA";
    if (!$("types").hidden) {
      if (/^[1-9]$/.test(ev.key)) {
        const button = $("type-buttons").querySelectorAll("button")[Number(ev.key) - 1];
        if (button) { ev.preventDefault(); chooseType(button.dataset.type); }
        return;
      }
      if (ev.key === "Escape") { ev.preventDefault(); closeTypes(); focusCurrent(); return; }
    }
    if (typing) {
      if (ev.key === "Escape") { ev.preventDefault(); target.blur(); if (target.closest("#add")) cancelAdd(); else focusCurrent(); }
      return;
    }
    if (ev.key === "Escape" && !$("add").hidden) { ev.preventDefault(); cancelAdd(); return; }
    const actions = {
      j: () => move(1),
      k: () => move(-1),
      a: () => decide("accept"),
      r: () => decide("reject"),
      t: openTypes,
      u: undo,
      "/": () => $("search").focus(),
      e: () => { if (!$("apply-all").disabled) $("apply-all").checked = !$("apply-all").checked; },
      m: () => { if (!$("remember").disabled) $("remember").checked = !$("remember").checked; },
    };
    const act = actions[ev.key];
    if (!act) return;
    ev.preventDefault();
    act();
  }

  wire();
  loadSession();
})();
