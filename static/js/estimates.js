/* The topic page's figures (issue #17): one chart per measure of the topic, one line per actor
 * who gave a figure, drawn from GET /api/v1/topics/<id>/estimates/ (the section's data-url, which
 * carries the page's moment). Each chart has a table of the same figures beside it, for screen
 * readers and for copying; figures not yet in a measure get a table and no chart, since nothing
 * says what they could be compared with.
 *
 * A figure repeated by the same actor for the same moment (the NIS's 1,500 in its briefing and in
 * three reports that repeat it) is one point and one row that say "4 reports". */
(function () {
  "use strict";

  const gettext = window.gettext || ((s) => s);
  const ngettext = window.ngettext || ((s, p, n) => (n === 1 ? s : p));
  const interpolate = window.interpolate || ((s) => s);
  const { api, el, page, sourceLink, locale, numberFormat, inThePast } = window.ClaimTrack;

  const DAY = 86400000;
  const KINDS = { observation: gettext("Observation"), projection: gettext("Projection") };
  const QUALIFIERS = { exact: "", approximate: gettext("about"), at_least: gettext("at least"), up_to: gettext("up to") };
  // Told apart without colour too: projections are dashed and their points hollow.
  const PALETTE = ["#0b57d0", "#b3261e", "#146c2e", "#7a3ea1", "#a15c00", "#00696f", "#c2185b", "#3949ab",
    "#5f6368", "#827717"];
  const utc = { timeZone: "UTC" };
  const MOMENT_FORMATS = {
    // A moment is a calendar day, not an instant: no time zone moves it.
    day: new Intl.DateTimeFormat(locale, { ...utc, day: "numeric", month: "long", year: "numeric" }),
    month: new Intl.DateTimeFormat(locale, { ...utc, month: "long", year: "numeric" }),
    year: new Intl.DateTimeFormat(locale, { ...utc, year: "numeric" }),
  };
  const TICK_FORMATS = {
    day: new Intl.DateTimeFormat(locale, { ...utc, day: "numeric", month: "short" }),
    dayAndYear: new Intl.DateTimeFormat(locale, { ...utc, day: "numeric", month: "short", year: "numeric" }),
    month: new Intl.DateTimeFormat(locale, { ...utc, month: "short", year: "numeric" }),
    year: MOMENT_FORMATS.year,
  };

  /* --- Figures -------------------------------------------------------------------------- */

  function central(estimate) {
    if (estimate.value !== null) return estimate.value;
    if (estimate.low !== null && estimate.high !== null) return (estimate.low + estimate.high) / 2;
    return estimate.low !== null ? estimate.low : estimate.high;
  }

  // "about 10,000 soldiers", "1.500 Soldaten": the number in the page's language, as
  // claims.estimates.Estimate.figure words it.
  function figureText(estimate) {
    const n = (v) => numberFormat.format(v);
    let number;
    if (estimate.value !== null) {
      number = [QUALIFIERS[estimate.qualifier] || "", n(estimate.value)].filter(Boolean).join(" ");
    } else if (estimate.low !== null && estimate.high !== null) {
      number = `${n(estimate.low)}–${n(estimate.high)}`;
    } else if (estimate.low !== null) {
      number = `${QUALIFIERS.at_least} ${n(estimate.low)}`;
    } else {
      number = `${QUALIFIERS.up_to} ${n(estimate.high)}`;
    }
    return `${number} ${estimate.unit_display || estimate.unit}`;
  }

  // When a figure applies, as precisely as it was given: "Dec 2024" rather than "31 Dec 2024".
  function momentText(estimate) {
    if (!estimate.refers_to) return MOMENT_FORMATS.day.format(new Date(estimate.at));
    const format = MOMENT_FORMATS[estimate.refers_to_precision] || MOMENT_FORMATS.day;
    return format.format(new Date(`${estimate.refers_to}T00:00:00Z`));
  }

  function reportsText(count) {
    return interpolate(ngettext("%s report", "%s reports", count), [numberFormat.format(count)]);
  }

  /** One point per actor, figure and moment, whatever the number of reports that repeat it. */
  function groupFigures(estimates) {
    const groups = new Map();
    for (const e of estimates) {
      const key = [e.actor.id, e.measure, e.value, e.low, e.high, e.unit, e.qualifier, e.kind, e.at].join("|");
      const group = groups.get(key);
      if (group) group.reports.push(e);
      else groups.set(key, { estimate: e, reports: [e], x: Date.parse(e.at), y: central(e) });
    }
    const figures = [...groups.values()];
    for (const f of figures) {
      f.reports.sort((a, b) => Date.parse(a.said_at) - Date.parse(b.said_at));
      f.estimate = f.reports[0];  // the first time it was said stands for the rest
    }
    figures.sort((a, b) => a.x - b.x || a.estimate.actor.name.localeCompare(b.estimate.actor.name, locale));
    return figures;
  }

  /* --- The time axis -------------------------------------------------------------------- */

  /** The span of the time axis, widened to whole days, months or years, and its ticks on those,
   * never two with the same label. */
  function timeAxis(first, last, precision) {
    // A figure for "2024" or "December" is shown with the months around it, not a week of days.
    const widest = { year: 183 * DAY, month: 31 * DAY }[precision] || 7 * DAY;
    const pad = Math.max(widest, (last - first) * 0.04);
    let min = first - pad;
    let max = last + pad;
    const days = (max - min) / DAY;
    if (days <= 70) {
      min = Math.floor(min / DAY) * DAY;
      max = Math.ceil(max / DAY) * DAY;
      const step = [1, 2, 7, 14].find((s) => days / s <= 8) || 14;
      const ticks = [];
      for (let t = min; t <= max; t += step * DAY) ticks.push(t);
      const sameYear = new Date(min).getUTCFullYear() === new Date(max).getUTCFullYear();
      return { min, max, ticks, format: sameYear ? TICK_FORMATS.day : TICK_FORMATS.dayAndYear };
    }
    const months = days / 30.44;
    if (months <= 96) {
      const step = [1, 2, 3, 6, 12].find((s) => months / s <= 8) || 12;
      const start = new Date(min);
      const end = new Date(max);
      // Month numbers from the start's January: ticks on months that are a multiple of the step.
      const year = start.getUTCFullYear();
      const firstMonth = Math.floor(start.getUTCMonth() / step) * step;
      const lastMonth = (end.getUTCFullYear() - year) * 12 + end.getUTCMonth() + 1;
      const ticks = [];
      for (let month = firstMonth; month <= Math.ceil(lastMonth / step) * step; month += step) {
        ticks.push(Date.UTC(year, month, 1));
      }
      return { min: ticks[0], max: ticks[ticks.length - 1], ticks, format: TICK_FORMATS.month };
    }
    const firstYear = new Date(min).getUTCFullYear();
    const lastYear = new Date(max).getUTCFullYear() + 1;
    const step = Math.max(1, Math.ceil((lastYear - firstYear) / 8));
    const ticks = [];
    for (let year = firstYear; year < lastYear + step; year += step) ticks.push(Date.UTC(year, 0, 1));
    return { min: ticks[0], max: ticks[ticks.length - 1], ticks, format: TICK_FORMATS.year };
  }

  /* --- One chart per measure ------------------------------------------------------------ */

  function withAlpha(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }

  function wrap(text, width) {
    const lines = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  function shorten(text, length) {
    return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
  }

  /** The datasets of one actor: its line of figures and, where a figure has both bounds, a band
   * between them (two datasets, the upper one filled down to the lower). */
  function actorDatasets(actor, figures, colour, until) {
    const points = figures.map((f) => ({
      x: f.x, y: f.y, low: f.estimate.low, high: f.estimate.high, figure: f,
      projection: f.estimate.kind === "projection",
    }));
    // The line holds the actor's last figure to the end of the chart, as a step line does
    // between figures; that end is no figure of its own (no point, no tooltip).
    const last = points[points.length - 1];
    if (last.x < until) points.push({ ...last, x: until, figure: null });
    const line = {
      label: actor.name, actorId: actor.id, data: points, stepped: "before",
      borderColor: colour, backgroundColor: colour, borderWidth: 2,
      pointRadius: points.map((p) => (p.figure ? 4 : 0)),
      pointHoverRadius: points.map((p) => (p.figure ? 6 : 0)),
      pointBackgroundColor: points.map((p) => (p.projection ? "#fff" : colour)),
      segment: { borderDash: (ctx) => (points[ctx.p1DataIndex].projection ? [6, 4] : undefined) },
    };
    const datasets = [line];
    if (points.some((p) => p.low !== null && p.high !== null)) {
      const bound = (which) => points.map((p) => ({
        x: p.x, y: p.low !== null && p.high !== null ? p[which] : null, figure: null,
      }));
      const band = { actorId: actor.id, band: true, stepped: "before", borderWidth: 0, pointRadius: 0,
        pointHoverRadius: 0, spanGaps: false };
      datasets.push(
        { ...band, label: `${actor.name} (low)`, data: bound("low"), fill: false },
        { ...band, label: `${actor.name} (high)`, data: bound("high"), fill: "-1",
          backgroundColor: withAlpha(colour, 0.15) },
      );
    }
    return datasets;
  }

  function tooltipLines(figure) {
    const e = figure.estimate;
    const lines = [e.actor.name, KINDS[e.kind] || e.kind];
    if (e.quote) lines.push(...wrap(`“${shorten(e.quote, 160)}”`, 50));
    if (e.source) lines.push(...wrap(e.source.title, 50));
    if (figure.reports.length > 1) lines.push(reportsText(figure.reports.length));
    return lines;
  }

  function drawChart(canvas, measure, figures, colourOf) {
    const byActor = new Map();
    for (const f of figures) {
      const actor = f.estimate.actor;
      if (!byActor.has(actor.id)) byActor.set(actor.id, { actor, figures: [] });
      byActor.get(actor.id).figures.push(f);
    }
    const precisions = new Set(figures.map((f) => f.estimate.refers_to_precision));
    const precision = ["year", "month"].find((p) => precisions.has(p)) || "day";
    const axis = timeAxis(figures[0].x, figures[figures.length - 1].x, precision);
    const { min, max } = axis;
    const datasets = [...byActor.values()].flatMap(({ actor, figures: own }) =>
      actorDatasets(actor, own, colourOf(actor.id), max));
    return new window.Chart(canvas, {
      type: "line",
      data: { datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "nearest", intersect: false },
        scales: {
          x: {
            type: "linear", min, max,
            // Our own ticks, thinned to what the width holds (a phone's chart has room for four).
            afterBuildTicks: (scale) => {
              const room = Math.max(2, Math.floor((scale.maxWidth || scale.width || 600) / 90));
              const every = Math.ceil(axis.ticks.length / room);
              scale.ticks = axis.ticks.filter((_, i) => i % every === 0).map((value) => ({ value }));
            },
            ticks: { callback: (value) => axis.format.format(new Date(value)), maxRotation: 0, autoSkipPadding: 12 },
          },
          y: {
            beginAtZero: true,
            title: { display: true, text: measure.unit_display || measure.unit },
            ticks: { callback: (value) => numberFormat.format(value) },
          },
        },
        plugins: {
          legend: {
            position: "bottom",
            labels: { filter: (item, data) => !data.datasets[item.datasetIndex].band, boxHeight: 2 },
            // An actor's band comes and goes with its line.
            onClick: (event, item, legend) => {
              const chart = legend.chart;
              const actorId = chart.data.datasets[item.datasetIndex].actorId;
              const visible = chart.isDatasetVisible(item.datasetIndex);
              chart.data.datasets.forEach((dataset, index) => {
                if (dataset.actorId === actorId) chart.setDatasetVisibility(index, !visible);
              });
              chart.update();
            },
          },
          tooltip: {
            filter: (item) => Boolean(item.raw.figure),
            callbacks: {
              title: (items) => (items.length ? momentText(items[0].raw.figure.estimate) : ""),
              label: (item) => figureText(item.raw.figure.estimate),
              afterLabel: (item) => tooltipLines(item.raw.figure),
            },
          },
        },
      },
    });
  }

  /* --- The tables of the same figures --------------------------------------------------- */

  function figureRow(figure) {
    const e = figure.estimate;
    const quote = e.quote ? shorten(e.quote, 90) : gettext("Statement");
    return el("tr", { "data-kind": e.kind },
      el("td", {}, el("time", { datetime: e.refers_to || e.at }, momentText(e))),
      el("td", { class: "number" }, figureText(e)),
      el("td", {}, el("a", { href: page(`/actors/${e.actor.id}/`) }, e.actor.name)),
      el("td", {}, KINDS[e.kind] || e.kind),
      el("td", {}, e.source ? sourceLink(e.source) : "—",
        figure.reports.length > 1 ? el("span", {
          class: "muted reports", title: figure.reports.map((r) => (r.source ? r.source.title : "—")).join("\n"),
        }, ` · ${reportsText(figure.reports.length)}`) : null),
      el("td", {}, el("a", { href: page(`/claims/${e.claim.id}/`, `statement-${e.statement}`), title: e.quote || null },
        quote)));
  }

  // A long table lists the latest figures until asked for all: laying out thousands of rows
  // takes seconds, and the chart above already shows them all.
  const ROWS_SHOWN = 100;

  function figureRows(body, figures) {
    const rows = document.createDocumentFragment();
    for (const f of figures) rows.append(figureRow(f));
    body.replaceChildren(rows);
  }

  function figureTable(caption, figures) {
    const body = document.createElement("tbody");
    const holder = el("div", { class: "table-scroll" }, el("table", { class: "estimates" },
      el("caption", {}, caption),
      el("thead", {}, el("tr", {}, [gettext("Refers to"), gettext("Figure"), gettext("Said by"), gettext("Kind"),
        gettext("Source"), gettext("Quote")].map((h) => el("th", { scope: "col" }, h)))),
      body));
    if (figures.length <= ROWS_SHOWN) {
      figureRows(body, figures);
      return holder;
    }
    figureRows(body, figures.slice(-ROWS_SHOWN));
    const count = numberFormat.format(figures.length);
    const note = el("p", { class: "muted table-note" },
      interpolate(gettext("The latest %(shown)s of %(count)s figures."), { shown: numberFormat.format(ROWS_SHOWN), count }, true),
      " ");
    const button = el("button", { type: "button", class: "link" }, interpolate(gettext("Show all %s figures"), [count]));
    button.addEventListener("click", () => {
      figureRows(body, figures);
      note.remove();
      body.querySelector("a")?.focus();
    });
    note.append(button);
    return el("div", {}, note, holder);
  }

  /* --- The section ---------------------------------------------------------------------- */

  function emptyText(forMeasure) {
    if (forMeasure) {
      return inThePast ? gettext("No figures had been recorded in this measure by then.")
        : gettext("No figures recorded in this measure yet.");
    }
    return inThePast ? gettext("No figures had been recorded in this topic by then.")
      : gettext("No figures recorded in this topic yet.");
  }

  function measureSection(measure, figures, colourOf, actorCount) {
    const id = `measure-${measure.id}`;
    const section = el("section", { class: "measure", id, "aria-labelledby": `${id}-heading`, "data-measure": measure.id },
      el("h3", { id: `${id}-heading` }, el("span", { class: "measure-name" }, measure.name), " ",
        el("span", { class: "unit" }, `(${measure.unit_display || measure.unit})`)));
    if (!figures.length) {
      section.append(el("p", { class: "empty" }, emptyText(true)));
      return { section, draw: () => null, fill: () => null };
    }
    // Room for the legend under the plot when many actors gave figures.
    // (Set through the CSSOM: the CSP refuses style attributes.)
    const box = el("div", { class: "chart-box" });
    box.style.height = `${18 + 1.5 * Math.max(0, Math.ceil(actorCount / 2) - 2)}rem`;
    const canvas = el("canvas", {
      role: "img",
      "aria-label": interpolate(gettext("Chart of the figures for %s, one line per actor; the table lists the same figures."),
        [measure.name]),
    });
    box.append(canvas);
    const table = el("div", { class: "table-scroll" });
    section.append(el("div", { class: "measure-body" }, box, table));
    return {
      section,
      draw: () => drawChart(canvas, measure, figures, colourOf),
      fill: () => table.replaceWith(figureTable(interpolate(gettext("Figures for %s"), [measure.name]), figures)),
    };
  }

  async function drawEstimates(box) {
    const target = box.querySelector(".measures");
    let response;
    let data;
    try {
      ({ response, data } = await api(box.dataset.url));
    } catch (error) {
      response = { ok: false };
    }
    box.removeAttribute("aria-busy");
    if (!response.ok || !data) {
      target.replaceChildren(el("p", { class: "errors" }, gettext("The figures could not be loaded.")));
      box.dataset.drawn = "error";
      return;
    }
    const started = performance.now();
    if (!data.estimates.length) {
      target.replaceChildren(el("p", { class: "empty", id: "no-figures" }, emptyText(false)));
      box.dataset.drawnMs = String(Math.round(performance.now() - started));
      box.dataset.drawn = "empty";
      return;
    }
    // An actor keeps its colour from one chart to the next.
    const colours = new Map();
    const colourOf = (actorId) => {
      if (!colours.has(actorId)) colours.set(actorId, PALETTE[colours.size % PALETTE.length]);
      return colours.get(actorId);
    };
    const byMeasure = new Map(data.measures.map((m) => [m.id, []]));
    const unmeasured = [];
    for (const e of data.estimates) {
      // The database keeps a measure's figures in its unit; a figure in another would not be
      // comparable, so it is listed, not drawn.
      const measure = data.measures.find((m) => m.id === e.measure);
      if (measure && e.unit === measure.unit) byMeasure.get(e.measure).push(e);
      else unmeasured.push(e);
    }
    const fragment = document.createDocumentFragment();
    const measures = data.measures.map((measure) => {
      const estimates = byMeasure.get(measure.id);
      const actorCount = new Set(estimates.map((e) => e.actor.id)).size;
      const drawing = measureSection(measure, groupFigures(estimates), colourOf, actorCount);
      fragment.append(drawing.section);
      return drawing;
    });
    if (unmeasured.length) {
      fragment.append(el("section", { class: "measure unmeasured", id: "unmeasured", "aria-labelledby": "unmeasured-heading" },
        el("h3", { id: "unmeasured-heading" }, gettext("Figures not yet in a measure")),
        figureTable(gettext("Figures not yet in a measure"), groupFigures(unmeasured))));
    }
    target.replaceChildren(fragment);
    // The charts before the tables: Chart.js reads the canvas's computed style, which would
    // otherwise lay out thousands of rows first, once per chart.
    const chartsStarted = performance.now();
    if (window.Chart) measures.forEach(({ draw }) => draw());
    const chartsDrawn = performance.now();
    measures.forEach(({ fill }) => fill());
    box.getBoundingClientRect();  // the tables' layout counts too
    // How long the figures took to draw once they had arrived (docs/benchmarks.md): in all, and
    // the charts alone.
    box.dataset.drawnMs = String(Math.round(performance.now() - started));
    box.dataset.chartsMs = String(Math.round(chartsDrawn - chartsStarted));
    box.dataset.drawn = "charts";
  }

  document.addEventListener("DOMContentLoaded", () => {
    const box = document.getElementById("estimates");
    if (box) drawEstimates(box);
  });
})();
