/* fpkg: a "Timeline" results view for YASR (YASGUI's results pane), drawn as SVG, offline.
 *
 * A result with date columns (xsd:date, xsd:dateTime, xsd:gYearMonth, xsd:gYear, or plain
 * text such as "2017", "2017-08", "2017-08-08") is drawn one row per solution: the first
 * date column is where the row begins, a second one where it ends (left empty: the end is
 * open, drawn as an arrow). Each value keeps its precision: "2017" covers the whole year and
 * is drawn pale over it. The row is labelled by its first other column and links to the
 * first IRI of the solution. A query picks this view for its tab with "# view: timeline".
 */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const DATE = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$/;
  const TYPES = ["date", "dateTime", "gYearMonth", "gYear"].map(
    (t) => "http://www.w3.org/2001/XMLSchema#" + t,
  );
  const MAX_ROWS = 500;

  /** The first and last day a value can denote, as [Date, Date], or null if not a date. */
  function span(term) {
    if (!term || term.type === "uri" || term.type === "bnode") return null;
    if (term.datatype && !TYPES.includes(term.datatype)) return null;
    const m = DATE.exec(term.value);
    if (!m) return null;
    const year = +m[1];
    if (m[3]) return [new Date(Date.UTC(year, +m[2] - 1, +m[3])), new Date(Date.UTC(year, +m[2] - 1, +m[3]))];
    if (m[2]) return [new Date(Date.UTC(year, +m[2] - 1, 1)), new Date(Date.UTC(year, +m[2], 0))];
    return [new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year, 11, 31))];
  }

  function node(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    if (parent) parent.appendChild(element);
    return element;
  }

  class Timeline {
    constructor(yasr) {
      this.yasr = yasr;
      this.priority = 5;
      this.label = "Timeline";
    }

    dateColumns() {
      const bindings = this.yasr.results.getBindings() || [];
      return this.yasr.results
        .getVariables()
        .filter((v) => bindings.some((b) => span(b[v])) && bindings.every((b) => !b[v] || !b[v].value || span(b[v])));
    }

    canHandleResults() {
      return !!(this.yasr.results && this.yasr.results.getBindings && this.yasr.results.getBindings()) &&
        this.dateColumns().length > 0;
    }

    getIcon() {
      const icon = document.createElement("span");
      icon.textContent = "⟷";
      return icon;
    }

    draw() {
      const variables = this.yasr.results.getVariables();
      const [from, to] = this.dateColumns();
      const labelVar = variables.find((v) => v !== from && v !== to);
      const rows = (this.yasr.results.getBindings() || []).slice(0, MAX_ROWS).map((b) => ({
        label: labelVar && b[labelVar] ? b[labelVar].value : "",
        link: Object.values(b).find((t) => t.type === "uri"),
        begin: span(b[from]),
        end: to ? span(b[to]) : null,
        open: !!to && !(b[to] && b[to].value),
        text: [b[from] && b[from].value, to && b[to] ? b[to].value : ""].filter(Boolean).join(" – "),
      })).filter((r) => r.begin || r.end);
      const days = rows.flatMap((r) => [...(r.begin || []), ...(r.end || [])]);
      const first = new Date(Date.UTC(Math.min(...days.map((d) => d.getUTCFullYear())), 0, 1));
      const last = new Date(Date.UTC(Math.max(...days.map((d) => d.getUTCFullYear())) + 1, 0, 1));
      const width = 960, left = 260, right = 20, row = 20, top = 28;
      const x = (d) => left + ((d - first) / (last - first)) * (width - left - right);
      const svg = node("svg", {
        class: "fpkg-timeline", viewBox: `0 0 ${width} ${top + row * rows.length + 10}`,
        width: "100%", style: `max-width:${width}px;font:12px system-ui,sans-serif`,
      });
      const years = last.getUTCFullYear() - first.getUTCFullYear();
      const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => years / s <= 10) || 200;
      for (let year = Math.ceil(first.getUTCFullYear() / step) * step; year <= last.getUTCFullYear(); year += step) {
        const at = x(new Date(Date.UTC(year, 0, 1)));
        node("line", { x1: at, x2: at, y1: top - 6, y2: top + row * rows.length, stroke: "#ddd" }, svg);
        node("text", { x: at, y: top - 10, "text-anchor": "middle", fill: "#555" }, svg).textContent = year;
      }
      rows.forEach((r, i) => {
        const y = top + row * i + row / 2;
        const group = node("a", r.link ? { href: r.link.value } : {}, svg);
        node("title", {}, group).textContent = `${r.label} — ${r.text}`;
        const label = node("text", { x: left - 8, y: y + 4, "text-anchor": "end", fill: "#222" }, group);
        label.textContent = r.label.length > 36 ? r.label.slice(0, 35) + "…" : r.label;
        const pale = { fill: "#2b6cb0", "fill-opacity": 0.3 };
        if (!to || (!r.end && !r.open)) {
          const [a, b] = r.begin;
          node("rect", { ...pale, x: x(a), y: y - 5, width: Math.max(x(b) - x(a), 3), height: 10, rx: 3 }, group);
          node("circle", { cx: (x(a) + x(b)) / 2, cy: y, r: 3.5, fill: "#c05621" }, group);
          return;
        }
        const a = r.begin ? x(r.begin[0]) : left;
        const b = r.end ? x(r.end[1]) : width - right;
        node("rect", { ...pale, x: a, y: y - 5, width: Math.max(b - a, 2), height: 10 }, group);
        if (r.begin && r.end && r.end[0] > r.begin[1]) {
          const sure = { x: x(r.begin[1]), y: y - 5, width: x(r.end[0]) - x(r.begin[1]), height: 10 };
          node("rect", { ...sure, fill: "#2b6cb0" }, group);
        }
        if (r.open) node("path", { ...pale, d: `M${b - 8},${y - 8} L${b},${y} L${b - 8},${y + 8}Z` }, group);
      });
      const note = document.createElement("p");
      note.textContent = `Begins: ?${from}${to ? ", ends: ?" + to : ""}. Solid: surely within, pale: ` +
        "within the precision of the value or an open end (arrow).";
      this.yasr.resultsEl.appendChild(note);
      this.yasr.resultsEl.appendChild(svg);
    }
  }

  Yasgui.Yasr.registerPlugin("timeline", Timeline);

  /* A tab whose query says "# view: timeline" opens on this view. */
  const addTab = Yasgui.prototype.addTab;
  Yasgui.prototype.addTab = function (setActive, config) {
    if (config && config.yasqe && /^# view: timeline$/m.test(config.yasqe.value || "")) {
      const yasr = config.yasr || {};
      config = { ...config, yasr: { ...yasr, settings: { ...(yasr.settings || {}), selectedPlugin: "timeline" } } };
    }
    return addTab.call(this, setActive, config);
  };
})();
