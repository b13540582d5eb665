/* ClaimTrack dashboards: timelines and the stance matrix are drawn from the same /api/v1/
 * endpoints that API clients use. The editors' actions are in editor.js, the topic page's charts
 * of figures in estimates.js. */
(function () {
  "use strict";

  const gettext = window.gettext || ((s) => s);
  const interpolate = window.interpolate || ((s) => s);
  const lang = document.documentElement.lang || "en";
  // One format per language, the server's (claimtrack/formats/): "18 October 2024",
  // "18. Oktober 2024", in the server's time zone.
  const locale = { en: "en-GB", de: "de-DE" }[lang] || lang;
  const timeZone = document.documentElement.dataset.timeZone || "UTC";
  const dateFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone });
  const numberFormat = new Intl.NumberFormat(locale);
  // A page showing a past moment (?as_of=…, the date control in templates/claims/_moment.html)
  // keeps it on its links; its API requests carry it in their data-url already.
  const momentQuery = document.querySelector("[data-moment-query]")?.dataset.momentQuery || "";
  const inThePast = momentQuery !== "";

  function page(path, hash) {
    return `${path}${momentQuery}${hash ? `#${hash}` : ""}`;
  }

  const STANCES = {
    asserts: gettext("Asserts"), supports: gettext("Supports"), comments: gettext("Comments"),
    cannot_confirm: gettext("Cannot confirm"), disputes: gettext("Disputes"), denies: gettext("Denies"),
    retracts: gettext("Retracts"),
  };
  const VERDICTS = {
    unverified: gettext("Unverified"), disputed: gettext("Disputed"), partly_confirmed: gettext("Partly confirmed"),
    confirmed: gettext("Confirmed"), denied: gettext("Denied"), retracted: gettext("Retracted"),
  };
  const HEALTH = {
    unchecked: gettext("Unchecked"), ok: gettext("OK"), changed: gettext("Changed"), gone: gettext("Gone"),
    unreachable: gettext("Unreachable"), blocked: gettext("Blocked"),
  };
  const RELATIONS = {
    refines: gettext("refines"), supersedes: gettext("supersedes"), contradicts: gettext("contradicts"),
    duplicates: gettext("duplicates"),
  };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function badge(kind, code, labels) {
    return el("span", { class: `${kind} ${kind}-${code}`, ["data-" + kind]: code }, labels[code] || code);
  }

  function when(iso) {
    return el("time", { datetime: iso }, dateFormat.format(new Date(iso)));
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  async function api(url, { method = "GET", body, headers = {} } = {}) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(method !== "GET" ? { "X-CSRFToken": csrfToken() } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (error) { data = null; }
    }
    return { response, data };
  }

  // The field an error names, as the form labels it ("Rationale"), or null.
  function fieldLabel(form, name) {
    const field = form && name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
    if (!field) return null;
    // A choice of radio buttons is named by its fieldset's legend, not by one of the choices.
    const legend = field.type === "radio" ? field.closest("fieldset")?.querySelector("legend") : null;
    const label = legend || (field.labels && field.labels[0]);
    return label ? label.textContent.trim() : null;
  }

  function problemText(data, form) {
    if (!data) return gettext("Something went wrong. Please try again.");
    const fields = data.errors || data.invalid_params;
    if (fields && typeof fields === "object") {
      // api/problems.py: [{"pointer": "#/rationale", "detail": …}] for a body,
      // [{"parameter": "as_of", "detail": …}] for the query; the words are in `detail`, and
      // the field is named as the form labels it.
      const parts = Array.isArray(fields)
        ? fields.map((f) => {
          const words = f.detail || f.reason || "";
          const name = f.parameter || (f.pointer || "").replace(/^#\//, "").split("/")[0];
          const label = fieldLabel(form, name);
          return label && words ? `${label}: ${words}` : words;
        }).filter(Boolean)
        : Object.values(fields).map((reasons) => [].concat(reasons).join(" "));
      if (parts.length) return parts.join(" · ");
    }
    return data.detail || data.title || gettext("Something went wrong. Please try again.");
  }

  // A source's page shows it as it is now: no moment on the link.
  function sourceLink(source, className) {
    return el("a", { href: `/sources/${source.id}/`, class: className }, source.title);
  }

  /* --- Timeline ------------------------------------------------------------------------- */

  function timelineEntry(entry, withClaims) {
    const claimLink = entry.claim && withClaims
      ? el("a", { href: page(`/claims/${entry.claim.id}/`), class: "claim-link" }, entry.claim.text)
      : null;
    const id = entry.statement ? `statement-${entry.statement}` : null;
    const parts = [when(entry.time)];
    if (entry.type === "statement") {
      parts.push(
        el("a", { href: page(`/actors/${entry.actor.id}/`), class: "actor" }, entry.actor.name), " ",
        badge("stance", entry.stance, STANCES), " ", claimLink,
        entry.quote ? el("blockquote", {}, entry.quote) : null,
        entry.source ? sourceLink(entry.source, "muted source") : null,
      );
    } else if (entry.type === "verdict_change") {
      const change = entry.verdict_change;
      parts.push(
        el("span", { class: "entry-kind" }, gettext("Verdict")), " ",
        badge("verdict", change.from_verdict, VERDICTS), " → ", badge("verdict", change.to_verdict, VERDICTS),
        " ", claimLink,
        el("p", { class: "rationale" }, change.rationale),
        el("span", { class: "muted" }, interpolate(gettext("decided by %s"), [change.decided_by])),
      );
    } else if (entry.type === "source_event") {
      parts.push(
        el("span", { class: "entry-kind" }, gettext("Source")), " ",
        entry.source ? sourceLink(entry.source, "source") : "", " ",
        entry.health ? badge("health", entry.health.current, HEALTH) : null, " ", claimLink,
      );
    } else if (entry.type === "related_claim") {
      const related = entry.related_claim;
      parts.push(
        el("span", { class: "entry-kind" }, gettext("Related claim")), " ",
        related ? RELATIONS[related.kind] || related.kind : "", " ",
        related ? el("a", { href: page(`/claims/${related.claim.id}/`) }, related.claim.text) : null,
      );
    }
    return el("li", { class: `entry entry-${entry.type}`, id }, parts);
  }

  async function loadTimeline(list) {
    const withClaims = list.dataset.withClaims === "1";
    const { response, data } = await api(list.dataset.url);
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    if (!response.ok || !data) {
      list.append(el("li", { class: "errors" }, gettext("The timeline could not be loaded.")));
      return null;
    }
    if (!data.entries.length) {
      list.append(el("li", { class: "empty" }, inThePast
        ? gettext("Nothing had happened on this by then.")
        : gettext("Nothing has happened on this yet.")));
    }
    for (const entry of data.entries) list.append(timelineEntry(entry, withClaims));
    if (location.hash) document.getElementById(location.hash.slice(1))?.classList.add("target");
    return data;
  }

  /* --- Stance matrix (actors × claims) -------------------------------------------------- */

  function originsLabel(support) {
    if (!support) return null;
    const text = interpolate(ngettext("%s independent origin", "%s independent origins",
      support.independent_origins), [support.independent_origins]);
    return el("span", { class: support.single_origin ? "origins-head single-origin" : "origins-head",
      title: support.single_origin ? interpolate(gettext("%s reports, one origin"), [support.reports]) : "" },
    support.single_origin ? `⚠ ${text}` : text);
  }

  function drawMatrix(box, entries, support) {
    const supportOf = new Map((support || []).map((s) => [s.claim, s]));
    const statements = entries.filter((e) => e.type === "statement");
    box.removeAttribute("aria-busy");
    if (!statements.length) {
      box.replaceChildren(el("p", { class: "empty" }, inThePast
        ? gettext("No statements had been recorded in this topic by then.")
        : gettext("No statements recorded in this topic yet.")));
      return;
    }
    const actors = new Map();
    const claims = new Map();
    const cells = new Map();
    for (const s of statements) {
      actors.set(s.actor.id, s.actor);
      claims.set(s.claim.id, s.claim);
      const key = `${s.actor.id}|${s.claim.id}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(s);
    }
    const claimList = [...claims.values()];
    const head = el("tr", {}, el("th", { scope: "col" }, gettext("Actor")),
      claimList.map((c, i) => el("th", { scope: "col", title: c.text },
        el("a", { href: page(`/claims/${c.id}/`) }, `C${i + 1}`), el("span", { class: "claim-head" }, c.text),
        originsLabel(supportOf.get(c.id)))));
    const rows = [...actors.values()].map((actor) => el("tr", {},
      el("th", { scope: "row" }, el("a", { href: page(`/actors/${actor.id}/`) }, actor.name)),
      claimList.map((claim) => {
        const found = cells.get(`${actor.id}|${claim.id}`) || [];
        return el("td", {}, found.map((s) => el("a", {
          href: page(`/claims/${claim.id}/`, `statement-${s.statement}`),
          class: `stance stance-${s.stance}`,
          title: s.quote || "",
        }, STANCES[s.stance] || s.stance)));
      })));
    box.replaceChildren(el("table", { class: "matrix" },
      el("caption", { class: "visually-hidden" }, gettext("Stance of each actor on each claim")),
      el("thead", {}, head), el("tbody", {}, rows)));
  }

  /* --- The date control (templates/claims/_moment.html) ---------------------------------- */

  function setupMomentForm(form) {
    // A date left empty means "not asked": keep it out of the address (?as_of=… rather than
    // ?as_of=…&said_by=). Without script the empty field is sent and means the same.
    form.addEventListener("submit", () => {
      for (const input of form.querySelectorAll("input")) if (!input.value) input.disabled = true;
    });
    // Back from another page, the fields must be usable again.
    window.addEventListener("pageshow", () => {
      for (const input of form.querySelectorAll("input")) input.disabled = false;
    });
  }

  // For static/js/sources.js (the source pages' editor actions), static/js/editor.js (the verdict
  // panel, review flags) and static/js/estimates.js (the topic page's charts of figures).
  window.ClaimTrack = {
    api, el, badge, when, page, sourceLink, problemText, lang, locale, dateFormat, numberFormat, inThePast,
    HEALTH, STANCES, VERDICTS, loadTimeline,
  };

  document.addEventListener("DOMContentLoaded", async () => {
    document.querySelectorAll("form.moment-form").forEach(setupMomentForm);
    const timeline = document.getElementById("timeline");
    if (timeline) {
      const data = await loadTimeline(timeline);
      const matrix = document.getElementById("stance-matrix");
      if (matrix && data) drawMatrix(matrix, data.entries, data.support);
    }
  });
})();
