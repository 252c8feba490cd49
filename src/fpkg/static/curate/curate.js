// The page of one document: its text with every proposal highlighted by kind, the list of
// proposals (j/k move, a accept, r reject, e edit, u or Backspace undo), the time to-dos,
// and a form to add a fact the machine missed from words selected in the text.
// Offsets are Python's: code points. JavaScript strings count UTF-16 units, so the text is
// handled as an array of code points and a selection is converted before it is sent.
"use strict";
let state = JSON.parse(document.getElementById("state").textContent);
const chars = Array.from(state.text);
const textBox = document.getElementById("text");
const list = document.getElementById("proposals");
const todoList = document.getElementById("todos");
const editor = document.getElementById("editor");
const message = document.getElementById("message");
let current = Math.max(0, state.proposals.findIndex((p) => p.status === "proposed"));
let adding = null; // {start, end} of selected words while the add form is open
let newEntities = [];
let lastRef = null; // the participant field last focused: a new catalog entry goes there
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches(".refs input")) lastRef = event.target;
});

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function say(text, error) {
  message.textContent = text;
  message.className = error ? "error" : "";
}

function quoteOf(p) {
  return chars.slice(p.start, p.end).join("");
}

function summary(record) {
  return Object.entries(record)
    .filter(([key]) => !["id", "evidence", "label", "note", "unlinked"].includes(key))
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : typeof value === "object" ? JSON.stringify(value) : value}`)
    .join("; ");
}

function renderText() {
  const marks = new Set([0, chars.length]);
  const spans = state.proposals
    .map((p, index) => ({ start: p.start, end: p.end, kind: p.kind, index, rejected: p.status === "rejected" }))
    .filter((s) => !s.rejected);
  const todos = state.todos.map((t) => ({ start: t.start, end: t.end }));
  const extra = adding ? [adding] : [];
  for (const s of [...spans, ...todos, ...extra]) {
    marks.add(s.start);
    marks.add(s.end);
  }
  const cuts = [...marks].sort((a, b) => a - b);
  const chosen = state.proposals[current];
  textBox.replaceChildren();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const classes = new Set(["seg"]);
    for (const s of spans) if (s.start <= a && b <= s.end) classes.add(s.kind);
    for (const t of todos) if (t.start <= a && b <= t.end) classes.add("todo");
    if (chosen && chosen.start <= a && b <= chosen.end) classes.add("current");
    if (adding && adding.start <= a && b <= adding.end) classes.add("adding");
    textBox.append(el("span", { class: [...classes].join(" "), "data-start": a }, chars.slice(a, b).join("")));
  }
}

function renderList() {
  list.replaceChildren();
  const counts = { proposed: 0, accepted: 0, rejected: 0 };
  state.proposals.forEach((p, index) => {
    counts[p.status]++;
    const item = el(
      "li",
      {
        class: `${p.status}${index === current ? " current" : ""}${p.inCatalog ? " in-catalog" : ""}`,
        "data-signature": p.signature,
        "data-kind": p.kind,
        "data-status": p.status,
        onclick: () => select(index),
      },
      el("span", { class: "status" }, p.status),
      el("span", { class: `badge ${p.kind}` }, p.kind),
      el("strong", {}, p.record.id),
      p.inCatalog ? " (in the catalog)" : "",
      el("span", { class: "summary" }, " " + summary(p.record)),
      el("span", { class: "quote" }, "“" + quoteOf(p).slice(0, 160) + (p.end - p.start > 160 ? "…" : "") + "”"),
      p.kind === "entity" && !p.inCatalog && p.status === "accepted"
        ? el("button", { type: "button", class: "wikidata", onclick: (event) => findOnWikidata(event, p, item) }, "find on Wikidata")
        : null,
    );
    list.append(item);
  });
  document.getElementById("counts").textContent = `(${counts.proposed} proposed, ${counts.accepted} accepted, ${counts.rejected} rejected)`;
}

function renderTodos() {
  todoList.replaceChildren();
  document.getElementById("todo-count").textContent = `(${state.todos.length} open)`;
  for (const todo of state.todos) {
    const reason = el("input", { placeholder: "why it is no fact's time", "aria-label": "reason" });
    todoList.append(
      el(
        "li",
        { "data-start": todo.start },
        el("strong", {}, todo.text),
        " ",
        el("button", { type: "button", onclick: () => addAround(todo) }, "add a fact with it"),
        " ",
        reason,
        el("button", { type: "button", onclick: () => notATime(todo, reason.value) }, "not a fact's time"),
        attachForm(todo),
      ),
    );
  }
}

// Attach a to-do to a curated fact: its words become one more evidence quote of the fact,
// and the time typed (at the precision the words state) the fact's date, from or to.
function attachForm(todo) {
  if (!state.facts.length) return el("div", { class: "attach hint" }, "accept a fact to attach these words to it");
  const fact = el("select", { "aria-label": "fact", class: "attach-fact" });
  for (const f of state.facts) {
    const times = Object.entries(f.times).map(([k, v]) => `${k} ${v}`).join(", ");
    fact.append(el("option", { value: f.id }, `${f.label || f.id}${times ? ` (${times})` : " (no time)"}`));
  }
  const which = el("select", { "aria-label": "time field", class: "attach-field" });
  for (const name of ["date", "from", "to"]) which.append(el("option", { value: name }, name));
  const when = el("input", { "aria-label": "time", class: "attach-time", placeholder: precisionOf(""), pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?" });
  const attach = () => {
    const times = when.value.trim() ? { [which.value]: when.value.trim() } : {};
    act(`/curate/${state.id}/attach`, { fact: fact.value, start: todo.start, end: todo.end, times });
  };
  return el(
    "div",
    { class: "attach" },
    "attach to ",
    fact,
    " set ",
    which,
    when,
    el("button", { type: "button", class: "attach-button", onclick: attach }, "attach to the fact"),
  );
}

function render() {
  renderText();
  renderList();
  renderTodos();
  const problem = document.getElementById("problem");
  problem.hidden = !state.problem;
  problem.textContent = state.problem ? "The curated files do not load now: " + state.problem : "";
  if (!state.reviewed) say("No proposals yet: run `fpkg propose " + state.id + "` (you can still add facts by selecting words).");
}

function select(index) {
  if (index < 0 || index >= state.proposals.length) return;
  current = index;
  render();
  const item = list.children[current];
  if (item) item.scrollIntoView({ block: "nearest" });
  const mark = textBox.querySelector(".seg.current");
  if (mark) mark.scrollIntoView({ block: "center" });
}

async function act(url, body, success) {
  say("saving…");
  try {
    const signature = state.proposals[current] && state.proposals[current].signature;
    const data = await curatePost(url, body);
    const keep = state.catalog;
    state = { ...state, ...data, catalog: data.catalog || keep };
    const again = state.proposals.findIndex((p) => p.signature === signature);
    current = again >= 0 ? again : Math.min(current, state.proposals.length - 1);
    if (success) success();
    render();
    say(data.done);
    fillCatalog();
  } catch (error) {
    render();
    say(error.message, true);
  }
}

function decide(status, record) {
  const p = state.proposals[current];
  if (!p) return;
  closeEditor();
  act(`/curate/${state.id}/decide`, { signature: p.signature, status, record }, () => {
    if (current + 1 < state.proposals.length) current += 1;
  });
}

function undo() {
  closeEditor();
  act(`/curate/${state.id}/undo`, {});
}

function notATime(todo, reason) {
  act(`/curate/${state.id}/not-a-time`, { start: todo.start, end: todo.end, reason });
}

// "find on Wikidata": the search API proposes items by name; the curator confirms one, and
// the register records the confirmation with the request as its source.
async function findOnWikidata(event, p, item) {
  event.stopPropagation();
  const label = typeof p.record.label === "object" ? Object.values(p.record.label)[0] : p.record.label || quoteOf(p);
  const language = typeof p.record.label === "object" ? Object.keys(p.record.label)[0] : "en";
  say("asking Wikidata…");
  try {
    const found = await curatePost("/curate/wikidata/search", { name: label, language });
    const box = el("ul", { class: "wikidata-items" });
    for (const candidate of found.items) {
      const body = { entity: p.record.id, qid: candidate.qid, label: candidate.label, request: found.request };
      box.append(
        el(
          "li",
          {},
          el("button", { type: "button", onclick: (e) => (e.stopPropagation(), act(`/curate/${state.id}/wikidata-confirm`, body)) }, `confirm ${candidate.qid}`),
          ` ${candidate.label} — ${candidate.description}`,
        ),
      );
    }
    item.append(box);
    say(found.items.length ? `${found.items.length} item(s) found; confirm the one ${p.record.id} is` : "Wikidata found nothing");
  } catch (error) {
    say(error.message, true);
  }
}

// ---- the form: edit a proposal's record, or add a fact from selected words ----

function fillCatalog() {
  let datalist = document.getElementById("catalog-list");
  if (!datalist) {
    datalist = el("datalist", { id: "catalog-list" });
    document.body.append(datalist);
  }
  datalist.replaceChildren(
    ...state.catalog.map((e) => el("option", { value: e.id, label: e.names.join(" · ") })),
    ...newEntities.map((e) => el("option", { value: e.id, label: e.label })),
  );
}

function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

// A participant typed by name (or part of one, in English or Spanish) becomes its catalog
// id when one entry alone matches; otherwise the field says how many match.
function resolveName(event) {
  const input = event.target;
  const typed = fold(input.value.trim());
  const entries = [...state.catalog, ...newEntities.map((e) => ({ id: e.id, names: [e.label] }))];
  if (!typed || entries.some((e) => e.id === input.value.trim())) return;
  const exact = entries.filter((e) => e.names.some((n) => fold(n) === typed));
  const partial = entries.filter((e) => e.names.some((n) => fold(n).includes(typed)));
  const found = exact.length === 1 ? exact : partial;
  if (found.length === 1) {
    input.value = found[0].id;
    input.title = found[0].names.join(" · ");
  } else {
    input.title = found.length ? `${found.length} entries match: ${found.slice(0, 8).map((e) => e.id).join(", ")}` : "no catalog entry matches: add it below";
  }
  input.classList.toggle("unresolved", found.length !== 1);
}

function precisionOf(value) {
  const s = String(value || "");
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return "day: YYYY-MM-DD";
  if (/^\d{4}-\d{2}$/.test(s)) return "month: YYYY-MM";
  if (/^\d{4}$/.test(s)) return "year: YYYY";
  return "YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text";
}

function fieldInput(field, value) {
  const name = field.name;
  if (field.kind === "concept" && state.concepts[field.scheme]) {
    const chosen = new Set([].concat(value || []));
    const choice = el("select", { name, multiple: field.many ? "multiple" : null, "data-many": field.many ? "1" : null });
    if (!field.many) choice.append(el("option", { value: "" }, "—"));
    for (const term of state.concepts[field.scheme]) {
      choice.append(el("option", { value: term, selected: chosen.has(term) ? "selected" : null }, term));
    }
    return choice;
  }
  if (field.kind === "ref") {
    const box = el("span", { class: "refs", "data-name": name, "data-many": field.many ? "1" : null });
    const values = [].concat(value || []);
    const addInput = (v) =>
      box.insertBefore(
        el("input", { list: "catalog-list", name, value: v || "", placeholder: "type a name (English or Spanish)", onchange: resolveName }),
        box.lastChild,
      );
    box.append(el("button", { type: "button", onclick: () => addInput("") }, "+"));
    if (!values.length) values.push("");
    for (const v of values) addInput(v);
    if (!field.many) box.lastChild.remove();
    return box;
  }
  if (field.kind === "date") {
    return el("input", { name, value: value || "", placeholder: precisionOf(value), pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", title: precisionOf(value) });
  }
  return el("input", { name, value: value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : value, "data-many": field.many ? "1" : null });
}

function formFields(kind, record, table = state.fields) {
  const fields = table[kind] || [];
  return fields.map((field) =>
    el("label", {}, el("span", {}, field.name + (field.required ? " *" : "")), fieldInput(field, record[field.name])),
  );
}

function readFields(kind, record, box = editor, table = state.fields) {
  const out = { ...record };
  for (const field of table[kind] || []) {
    const name = field.name;
    let value;
    if (field.kind === "ref") {
      value = [...box.querySelectorAll(`.refs[data-name="${name}"] input`)].map((i) => i.value.trim()).filter(Boolean);
      if (!field.many) value = value[0] || "";
    } else {
      const input = box.querySelector(`[name="${name}"]`);
      if (input.tagName === "SELECT" && field.many) value = [...input.selectedOptions].map((o) => o.value);
      else value = input.value.trim();
      if (field.many && typeof value === "string") value = value ? value.split(/\s*,\s*/) : [];
      if (field.kind === "number" && value !== "") value = Number(value);
    }
    if (value === "" || (Array.isArray(value) && !value.length)) delete out[name];
    else out[name] = value;
  }
  return out;
}

function closeEditor() {
  editor.hidden = true;
  editor.replaceChildren();
  if (adding) {
    adding = null;
    renderText();
  }
}

function openEdit() {
  const p = state.proposals[current];
  if (!p) return;
  adding = null;
  const idInput = el("input", { name: "id", value: p.record.id });
  editor.replaceChildren(
    el("strong", {}, `Edit ${p.kind} ${p.record.id}`),
    el("p", { class: "evidence" }, "“" + quoteOf(p) + "”"),
    el("label", {}, el("span", {}, "id"), idInput),
    ...formFields(p.kind, p.record),
    el("button", { type: "submit" }, "Save and accept"),
    " ",
    el("button", { type: "button", onclick: closeEditor }, "Cancel"),
  );
  editor.onsubmit = (event) => {
    event.preventDefault();
    const record = readFields(p.kind, p.record);
    record.id = idInput.value.trim();
    decide("accepted", record);
  };
  editor.hidden = false;
  const first = editor.querySelector("input:not([name=id]), select");
  if (first) first.focus();
}

function openAdd(start, end) {
  adding = { start, end };
  newEntities = [];
  renderText();
  const kinds = Object.keys(state.fields).filter((k) => k !== "entity");
  const kind = el("select", { name: "fact-kind" }, ...kinds.map((k) => el("option", { value: k, selected: k === "statement" ? "selected" : null }, k)));
  const fieldsBox = el("div", { class: "fields" });
  const showFields = () => fieldsBox.replaceChildren(...formFields(kind.value, {}));
  kind.addEventListener("change", showFields);
  const entityKind = el("select", { name: "entity-kind" }, ...Object.keys(state.entityFields).map((k) => el("option", { value: k }, k)));
  const entityBox = el("div", { class: "entity-fields" });
  const showEntityFields = () => entityBox.replaceChildren(...formFields(entityKind.value, {}, state.entityFields));
  entityKind.addEventListener("change", showEntityFields);
  const entityLabel = el("input", { name: "entity-label", placeholder: "its name as the text writes it" });
  const entityLanguage = el("select", { name: "entity-language" }, el("option", { value: "en" }, "English"), el("option", { value: "es" }, "Spanish"));
  const addEntity = () => {
    const label = entityLabel.value.trim();
    if (!label) return;
    const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "x";
    const fields = readFields(entityKind.value, {}, entityBox, state.entityFields);
    const entity = { kind: entityKind.value, label, language: entityLanguage.value, fields, id: `${entityKind.value}/${slug}` };
    newEntities.push(entity);
    fillCatalog();
    const target = lastRef && fieldsBox.contains(lastRef) && !lastRef.value ? lastRef : [...fieldsBox.querySelectorAll(".refs input")].find((i) => !i.value);
    if (target) target.value = entity.id;
    entityLabel.value = "";
    say(`new catalog entry ${entity.id} (written when the fact is added)`);
  };
  const idInput = el("input", { name: "id", placeholder: "made from the participants if left empty" });
  editor.replaceChildren(
    el("strong", {}, "Add a fact the machine missed"),
    el("p", { class: "evidence" }, "“" + chars.slice(start, end).join("") + "”"),
    el("label", {}, el("span", {}, "kind"), kind),
    el("label", {}, el("span", {}, "id"), idInput),
    fieldsBox,
    el(
      "fieldset",
      {},
      el("legend", {}, "A participant not in the catalog"),
      el("label", {}, el("span", {}, "kind"), entityKind),
      el("label", {}, el("span", {}, "label"), entityLabel),
      el("label", {}, el("span", {}, "language"), entityLanguage),
      entityBox,
      el("button", { type: "button", name: "add-entity", onclick: addEntity }, "New catalog entry"),
    ),
    el("button", { type: "submit" }, "Add the fact"),
    " ",
    el("button", { type: "button", onclick: closeEditor }, "Cancel"),
  );
  showFields();
  showEntityFields();
  editor.onsubmit = (event) => {
    event.preventDefault();
    const fields = readFields(kind.value, {}, fieldsBox);
    const used = JSON.stringify(fields);
    const entities = newEntities.filter((e) => used.includes(`"${e.id}"`));
    const body = { kind: kind.value, id: idInput.value.trim(), fields, start, end, quote: chars.slice(start, end).join(""), entities };
    act(`/curate/${state.id}/add`, body, () => {
      adding = null;
      editor.hidden = true;
      editor.replaceChildren();
    });
  };
  editor.hidden = false;
}

function addAround(todo) {
  // the sentence holding the expression: from the previous full stop or line break
  let start = todo.start;
  while (start > 0 && !/[.\n]/.test(chars[start - 1])) start--;
  let end = todo.end;
  while (end < chars.length && !/[.\n]/.test(chars[end])) end++;
  if (chars[end] === ".") end++;
  while (/\s/.test(chars[start])) start++;
  openAdd(start, end);
}

// ---- selection in the text: DOM positions (UTF-16) to code-point offsets ----

function codePoint(node, offset) {
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = node.parentElement.closest(".seg");
    return Number(seg.dataset.start) + Array.from(node.data.slice(0, offset)).length;
  }
  const seg = node.closest && node.closest(".seg");
  if (seg) return Number(seg.dataset.start) + (offset > 0 ? Array.from(seg.textContent).length : 0);
  const child = node.childNodes[offset];
  return child ? Number(child.dataset.start) : chars.length;
}

textBox.addEventListener("mouseup", () => {
  const selection = window.getSelection();
  if (!selection.rangeCount || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  if (!textBox.contains(range.startContainer) || !textBox.contains(range.endContainer)) return;
  let start = codePoint(range.startContainer, range.startOffset);
  let end = codePoint(range.endContainer, range.endOffset);
  while (start < end && /\s/.test(chars[start])) start++;
  while (end > start && /\s/.test(chars[end - 1])) end--;
  if (end > start) {
    selection.removeAllRanges();
    openAdd(start, end);
  }
});

document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (event.key === "Escape") return closeEditor();
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const keys = {
    j: () => select(current + 1),
    k: () => select(current - 1),
    a: () => decide("accepted"),
    r: () => decide("rejected"),
    e: () => openEdit(),
    u: () => undo(),
    Backspace: () => undo(),
  };
  if (keys[event.key]) {
    event.preventDefault();
    keys[event.key]();
  }
});

fillCatalog();
render();
