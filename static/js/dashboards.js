/* ClaimTrack dashboards: timelines and the stance matrix are drawn from the same /api/v1/
 * endpoints that API clients use. The editors' actions are in editor.js, the topic page's charts
 * of figures in estimates.js. */
(function () {
  "use strict";

  const gettext = window.gettext || ((s) => s);
  const ngettext = window.ngettext || ((s, p, n) => (n === 1 ? s : p));
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

  // A timeline is read a slice at a time (issue #18): a topic's can hold 30,000 entries. The
  // first slice comes with the page; "Show more" appends the next from the API's `next` link,
  // which keeps the page's moment (?as_of=…) as the first request did.
  const TIMELINE_SLICE = 50;

  function sliceUrl(url) {
    const address = new URL(url, window.location.href);
    address.searchParams.set("page_size", String(TIMELINE_SLICE));
    return address.pathname + address.search;
  }

  function moreButton(list) {
    let box = list.nextElementSibling;
    if (!box || !box.classList.contains("timeline-more")) {
      box = el("p", { class: "timeline-more" },
        el("button", { type: "button", class: "show-more", "aria-controls": list.id },
          gettext("Show more")),
        " ", el("span", { class: "muted", role: "status" }));
      list.after(box);
      box.querySelector("button").addEventListener("click", () => loadMore(list));
    }
    return box;
  }

  function showNext(list, next) {
    list.dataset.next = next || "";
    const box = moreButton(list);
    box.hidden = !next;
  }

  async function loadMore(list) {
    const box = moreButton(list);
    const button = box.querySelector("button");
    const status = box.querySelector("[role=status]");
    if (!list.dataset.next || button.disabled) return;
    button.disabled = true;
    status.textContent = gettext("Loading…");
    const withClaims = list.dataset.withClaims === "1";
    try {
      const { response, data } = await api(list.dataset.next);
      if (!response.ok || !data) throw new Error(String(response.status));
      for (const entry of data.entries) list.append(timelineEntry(entry, withClaims));
      status.textContent = interpolate(ngettext("%s more entry shown.", "%s more entries shown.",
        data.entries.length), [numberFormat.format(data.entries.length)]);
      showNext(list, data.next);
    } catch (error) {
      status.textContent = gettext("The next entries could not be loaded. Try again.");
    } finally {
      button.disabled = false;
    }
  }

  async function loadTimeline(list) {
    const withClaims = list.dataset.withClaims === "1";
    const { response, data } = await api(sliceUrl(list.dataset.url));
    list.replaceChildren();
    list.removeAttribute("aria-busy");
    if (!response.ok || !data) {
      list.append(el("li", { class: "errors" }, gettext("The timeline could not be loaded.")));
      showNext(list, null);
      return null;
    }
    if (!data.entries.length) {
      list.append(el("li", { class: "empty" }, inThePast
        ? gettext("Nothing had happened on this by then.")
        : gettext("Nothing has happened on this yet.")));
    }
    for (const entry of data.entries) list.append(timelineEntry(entry, withClaims));
    showNext(list, data.next);
    if (location.hash) document.getElementById(location.hash.slice(1))?.classList.add("target");
    return data;
  }

  /* --- Stance matrix (claims × actors) -------------------------------------------------- */

  // The claims (rows) and actors (columns) with the most statements first (issue #18): a topic
  // of 10,000 claims has hundreds of actors. The controls ask the API for more of either.
  const MATRIX_MORE_CLAIMS = 30;
  const MATRIX_MAX = 500;

  function originsLabel(support) {
    if (!support) return null;
    const text = interpolate(ngettext("%s independent origin", "%s independent origins",
      support.independent_origins), [support.independent_origins]);
    return el("span", { class: support.single_origin ? "origins-head single-origin" : "origins-head",
      title: support.single_origin ? interpolate(gettext("%s reports, one origin"), [support.reports]) : "" },
    support.single_origin ? `⚠ ${text}` : text);
  }

  function matrixUrl(box, claims, actors) {
    const address = new URL(box.dataset.url, window.location.href);
    address.searchParams.set("claims", String(claims));
    address.searchParams.set("actors", String(actors));
    return address.pathname + address.search;
  }

  async function loadMatrix(box, claims, actors) {
    box.setAttribute("aria-busy", "true");
    const { response, data } = await api(matrixUrl(box, claims, actors));
    box.removeAttribute("aria-busy");
    if (!response.ok || !data) {
      box.replaceChildren(el("p", { class: "errors" }, gettext("The stance matrix could not be loaded.")));
      return;
    }
    drawMatrix(box, data);
  }

  function drawMatrix(box, data) {
    const controls = document.getElementById("matrix-controls");
    if (!data.cells.length) {
      box.replaceChildren(el("p", { class: "empty" }, inThePast
        ? gettext("No statements had been recorded in this topic by then.")
        : gettext("No statements recorded in this topic yet.")));
      if (controls) controls.replaceChildren();
      return;
    }
    const supportOf = new Map((data.support || []).map((s) => [s.claim, s]));
    const cells = new Map(data.cells.map((c) => [`${c.claim}|${c.actor}`, c.statements]));
    const head = el("tr", {}, el("th", { scope: "col", class: "corner" }, gettext("Claim")),
      data.actors.map((actor) => el("th", { scope: "col" },
        el("a", { href: page(`/actors/${actor.id}/`) }, actor.name))));
    const rows = data.claims.map((claim, i) => el("tr", {},
      el("th", { scope: "row", title: claim.text },
        el("a", { href: page(`/claims/${claim.id}/`) }, `C${i + 1}`), el("span", { class: "claim-head" }, claim.text),
        originsLabel(supportOf.get(claim.id))),
      data.actors.map((actor) => el("td", {}, (cells.get(`${claim.id}|${actor.id}`) || []).map((s) => el("a", {
        href: page(`/claims/${claim.id}/`, `statement-${s.id}`),
        class: `stance stance-${s.stance}`,
        title: s.quote || "",
      }, STANCES[s.stance] || s.stance))))));
    box.replaceChildren(el("table", { class: "matrix" },
      el("caption", { class: "visually-hidden" }, gettext("Stance of each actor on each claim")),
      el("thead", {}, head), el("tbody", {}, rows)));
    if (controls) drawMatrixControls(box, controls, data);
    scrollHint(box);
  }

  function drawMatrixControls(box, controls, data) {
    const shownClaims = data.claims.length;
    const shownActors = data.actors.length;
    const parts = [el("p", { class: "muted", id: "matrix-summary" }, interpolate(
      gettext("The %(claims)s claims and %(actors)s actors with the most statements, of %(claim_count)s claims and %(actor_count)s actors."),
      { claims: numberFormat.format(shownClaims), actors: numberFormat.format(shownActors),
        claim_count: numberFormat.format(data.claim_count), actor_count: numberFormat.format(data.actor_count) },
      true))];
    if (data.actor_count > shownActors && shownActors < MATRIX_MAX) {
      const all = Math.min(data.actor_count, MATRIX_MAX);
      parts.push(el("button", { type: "button", id: "matrix-all-actors", "aria-controls": box.id },
        data.actor_count <= MATRIX_MAX
          ? interpolate(gettext("Show all %s actors"), [numberFormat.format(data.actor_count)])
          : interpolate(gettext("Show the %s most active actors"), [numberFormat.format(MATRIX_MAX)])));
      parts[parts.length - 1].addEventListener("click", () => loadMatrix(box, shownClaims, all));
      parts.push(" ");
    }
    if (data.claim_count > shownClaims && shownClaims < MATRIX_MAX) {
      const more = Math.min(MATRIX_MORE_CLAIMS, data.claim_count - shownClaims, MATRIX_MAX - shownClaims);
      parts.push(el("button", { type: "button", id: "matrix-more-claims", "aria-controls": box.id },
        interpolate(ngettext("Show %s more claim", "Show %s more claims", more), [numberFormat.format(more)])));
      parts[parts.length - 1].addEventListener("click", () => loadMatrix(box, shownClaims + more, shownActors));
    }
    controls.replaceChildren(...parts);
  }

  // On a phone the matrix is wider than the screen: say so, as a scroll bar alone does not.
  function scrollHint(box) {
    const hint = document.getElementById("matrix-scroll-hint");
    if (!hint) return;
    const update = () => { hint.hidden = box.scrollWidth <= box.clientWidth + 1; };
    update();
    if (!box.dataset.hintWatched) {
      box.dataset.hintWatched = "1";
      window.addEventListener("resize", update);
    }
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
    const matrix = document.getElementById("stance-matrix");
    if (matrix) loadMatrix(matrix, Number(matrix.dataset.claims), Number(matrix.dataset.actors));
    const timeline = document.getElementById("timeline");
    if (timeline) loadTimeline(timeline);
  });
})();
