/* The editors' actions on the claim page and in the review queue (templates/claims/
 * _verdict_panel.html, _claim_flags.html, review_queue.html): verdicts with evidence from any
 * source and a note, keys for the common verdicts, review flags raised and resolved. Every action
 * goes through /api/v1/, with the helpers of dashboards.js (loaded first). */
(function () {
  "use strict";

  const { api, el, badge, problemText, VERDICTS } = window.ClaimTrack;
  const gettext = window.gettext || ((s) => s);
  const interpolate = window.interpolate || ((s) => s);

  /* --- Parts of the page drawn again by the server after a change ------------------------- */

  async function refreshSections(ids) {
    const response = await fetch(location.href, { credentials: "same-origin" });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const id of ids) {
      const shown = document.getElementById(id);
      const drawn = fresh.getElementById(id);
      if (shown && drawn) shown.replaceWith(document.importNode(drawn, true));
    }
  }

  function reloadTimeline() {
    const timeline = document.getElementById("timeline");
    if (timeline && window.ClaimTrack.loadTimeline) window.ClaimTrack.loadTimeline(timeline);
  }

  /* --- Evidence: the claim's own sources ticked, any other picked by type-ahead ------------ */

  function sourceLabel(source) {
    return source.publisher ? `${source.title} — ${source.publisher.name}` : source.title;
  }

  function setupEvidencePicker(form) {
    const input = form.querySelector("#evidence-search");
    if (!input) return null;
    const options = document.getElementById(input.getAttribute("list"));
    const chips = form.querySelector("#evidence-chips");
    const error = form.querySelector("#evidence-error");
    const known = new Map(); // what an option says → the source
    let typing = null;

    function showError(message) {
      error.textContent = message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    async function search(text) {
      const query = new URLSearchParams({ q: text, page_size: "10" });
      const { response, data } = await api(`${form.dataset.search}?${query}`);
      const found = response.ok && data ? data.results : [];
      for (const source of found) known.set(sourceLabel(source), source);
      return found;
    }

    function chosen() {
      return [...chips.querySelectorAll("li[data-source]")].map((chip) => chip.dataset.source);
    }

    function add(source) {
      input.value = "";
      showError("");
      // One of the claim's own sources: its box says it already.
      const box = form.querySelector(`input[name=evidence][value="${CSS.escape(source.id)}"]`);
      if (box) { box.checked = true; return; }
      if (chosen().includes(source.id)) return;
      const remove = el("button", {
        type: "button", class: "chip-remove", "aria-label": interpolate(gettext("Remove “%s”"), [source.title]),
      }, "×");
      const chip = el("li", { class: "chip", "data-source": source.id }, el("span", {}, source.title), " ", remove);
      remove.addEventListener("click", () => { chip.remove(); input.focus(); });
      chips.append(chip);
    }

    // The source picked from the list, or the one source whose title the text names.
    async function pick() {
      const text = input.value.trim();
      if (!text) return;
      let source = known.get(text);
      if (!source) {
        const found = await search(text);
        const exact = found.filter((s) => s.title === text || sourceLabel(s) === text);
        const candidates = exact.length ? exact : found;
        source = candidates.length === 1 ? candidates[0] : null;
      }
      if (source) add(source);
      else showError(gettext("No one source has this title: type more of it and pick the source from the list."));
    }

    input.addEventListener("input", (event) => {
      showError("");
      const text = input.value.trim();
      // Choosing an option of the list puts its words in the field: take it at once.
      if (known.has(text) && event.inputType !== "insertText") { add(known.get(text)); return; }
      clearTimeout(typing);
      if (text.length < 2) return;
      typing = setTimeout(async () => {
        const found = await search(text);
        options.replaceChildren(...found.map((source) => el("option", { value: sourceLabel(source) })));
      }, 250);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); pick(); }
    });
    form.querySelector("#evidence-add").addEventListener("click", pick);
    return {
      ids: chosen,
      clear() { chips.replaceChildren(); input.value = ""; showError(""); },
    };
  }

  /* --- Verdicts: the claim page's panel and the review queue's compact forms --------------- */

  function showVerdict(claimId, verdict) {
    document.getElementById("current-verdict")?.replaceChildren(badge("verdict", verdict, VERDICTS));
    document.querySelectorAll(`[data-verdict-of="${claimId}"]`).forEach((node) => {
      node.replaceChildren(badge("verdict", verdict, VERDICTS));
    });
  }

  // Every form deciding this claim now starts from the new version, and never offers the
  // verdict the claim has.
  function takeVersion(claimId, form, etag, verdict) {
    const forms = claimId ? document.querySelectorAll(`form.verdict-form[data-claim="${claimId}"]`) : [form];
    for (const each of forms) {
      if (etag) each.dataset.etag = etag;
      if (verdict) for (const option of each.elements.to.options) option.disabled = !option.value || option.value === verdict;
    }
  }

  function setupVerdictForm(form) {
    const status = form.querySelector(".form-status");
    const evidence = setupEvidencePicker(form);
    const claimId = form.dataset.claim || "";
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      status.className = "form-status";
      status.textContent = gettext("Saving…");
      const ticked = [...form.querySelectorAll("input[name=evidence]:checked")].map((i) => i.value);
      const body = {
        to: form.elements.to.value,
        rationale: form.elements.rationale.value,
        evidence: [...new Set([...ticked, ...(evidence ? evidence.ids() : [])])],
        ...(form.elements.note ? { note: form.elements.note.value } : {}),
      };
      try {
        const { response, data } = await api(form.dataset.url, {
          method: "POST", body, headers: { "If-Match": form.dataset.etag },
        });
        if (response.status === 201 || response.status === 200) {
          takeVersion(claimId, form, response.headers.get("ETag") || data.etag, data.verdict);
          showVerdict(data.claim, data.verdict);
          const rationale = form.elements.rationale.value;
          // Nothing chosen again: the next decision starts from a blank choice, never a default.
          form.elements.to.value = "";
          form.elements.rationale.value = "";
          if (form.elements.note) form.elements.note.value = "";
          form.querySelectorAll("input[name=evidence]").forEach((i) => { i.checked = false; });
          if (evidence) evidence.clear();
          status.className = "form-status success";
          status.textContent = interpolate(gettext("Verdict changed to %s."), [VERDICTS[data.verdict]]);
          if (form.dataset.resolve && form.elements.resolve?.checked) await resolveAfterVerdict(form, rationale, data.verdict);
          if (form.dataset.refresh) await refreshSections(form.dataset.refresh.split(" "));
          reloadTimeline();
        } else if (response.status === 412 && data) {
          // Someone decided meanwhile: keep what the editor typed, take the new version.
          takeVersion(claimId, form, data.current_etag || response.headers.get("ETag"), data.current_verdict);
          showVerdict(data.claim || claimId, data.current_verdict);
          status.className = "form-status conflict";
          status.textContent = interpolate(
            gettext("Someone changed this claim while you were editing: it is now %(verdict)s (set by %(editor)s). Your text is kept; check it and submit again."),
            { verdict: VERDICTS[data.current_verdict] || data.current_verdict, editor: data.decided_by || gettext("another editor") },
            true);
          if (form.dataset.refresh) await refreshSections(form.dataset.refresh.split(" "));
          reloadTimeline(); // show what the other editor decided
        } else {
          status.className = "form-status errors";
          status.textContent = problemText(data, form);
        }
      } catch (error) {
        status.className = "form-status errors";
        status.textContent = gettext("The server could not be reached. Your text is kept; try again.");
      } finally {
        button.disabled = false;
      }
    });
  }

  // The review queue's verdict form closes the flag that brought the editor there, with the
  // verdict's rationale as its note.
  async function resolveAfterVerdict(form, rationale, verdict) {
    const status = form.querySelector(".form-status");
    const { response, data } = await api(form.dataset.resolve, { method: "POST", body: { note: rationale } });
    if (!response.ok) {
      status.className = "form-status errors";
      status.textContent = problemText(data, form);
      return;
    }
    const item = form.closest("li");
    item.classList.add("resolved");
    item.querySelector(".queue-actions").replaceChildren(
      el("p", { class: "form-status success", role: "status" },
        interpolate(gettext("Verdict changed to %s; flag resolved."), [VERDICTS[verdict] || verdict])));
  }

  /* --- Keys for the common verdicts on the claim page -------------------------------------- */

  function typing(target) {
    return target instanceof Element && Boolean(target.closest("input, textarea, select, [contenteditable]"));
  }

  function setupVerdictKeys(form) {
    const select = form.elements.to;
    const byKey = new Map([...select.options].filter((o) => o.dataset.key).map((o) => [o.dataset.key, o]));
    document.addEventListener("keydown", (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (typing(event.target)) return;
      const option = byKey.get(event.key.toLowerCase());
      if (!option || option.disabled) return;
      event.preventDefault(); // the letter must not land in the rationale
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      form.elements.rationale.focus();
    });
  }

  /* --- Review flags ------------------------------------------------------------------------ */

  async function resolveFlag(form) {
    const status = form.querySelector(".form-status");
    // A due projection is resolved by recording its outcome (_projection_outcome_form.html).
    const outcome = form.querySelector("input[name=outcome]:checked");
    const { response, data } = await api(form.dataset.url, {
      method: "POST", body: { note: form.elements.note.value, ...(outcome ? { outcome: outcome.value } : {}) },
    });
    if (!response.ok) {
      status.className = "form-status errors";
      status.textContent = problemText(data, form);
      return;
    }
    const queue = form.closest("ol.queue");
    if (queue) {
      // The open queue lists what waits; the flag is under "Resolved" now.
      form.closest("li").remove();
      if (!queue.children.length) document.getElementById("queue-empty").hidden = false;
    } else {
      await refreshSections(["flags"]);
    }
  }

  async function raiseFlag(form) {
    const status = form.querySelector(".form-status");
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const { response, data } = await api(form.dataset.url, { method: "POST", body: { note: form.elements.note.value } });
      if (response.status !== 201) {
        status.className = "form-status errors";
        status.textContent = problemText(data, form);
        return;
      }
      await refreshSections(["flags"]);
      const fresh = document.querySelector("#raise-flag-form .form-status");
      if (fresh) {
        fresh.className = "form-status success";
        fresh.textContent = gettext("Flag raised: the claim is in the review queue.");
      }
    } catch (error) {
      status.className = "form-status errors";
      status.textContent = gettext("The server could not be reached. Your text is kept; try again.");
    } finally {
      button.disabled = false;
    }
  }

  /* --- The review queue's filters ---------------------------------------------------------- */

  function setupFilterForm(form) {
    // Only the filters given go in the address; without script the server drops the empty ones.
    form.addEventListener("submit", () => {
      for (const field of form.elements) if (field.name && !field.value) field.disabled = true;
    });
    window.addEventListener("pageshow", () => {
      for (const field of form.elements) field.disabled = false;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form.verdict-form").forEach(setupVerdictForm);
    document.querySelectorAll("#verdict-form").forEach(setupVerdictKeys);
    document.querySelectorAll("form.queue-filters").forEach(setupFilterForm);
    // Flag forms are drawn again after each change: one listener serves them all.
    document.addEventListener("submit", (event) => {
      const form = event.target;
      if (form.matches("form.resolve-flag")) { event.preventDefault(); resolveFlag(form); }
      else if (form.matches("form.raise-flag")) { event.preventDefault(); raiseFlag(form); }
    });
  });
})();
