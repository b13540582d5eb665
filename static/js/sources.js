/* The sources directory and the source page (templates/claims/source_list.html,
 * source_detail.html): a re-check that reports its outcome once the check has run, and editors'
 * citations (the filter form is static/js/lists.js's); every action through /api/v1/,
 * with the helpers of dashboards.js. */
(function () {
  "use strict";

  const { api, el, badge, problemText, HEALTH } = window.ClaimTrack;
  const gettext = window.gettext || ((s) => s);
  const interpolate = window.interpolate || ((s) => s);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

  /* --- Re-check: queued, then the outcome once the worker has checked ---------------------- */

  // The worker may be busy: ask often at first, then less, for up to two minutes.
  const POLL_FOR_MS = 120000;

  async function currentSource(url) {
    const { response, data } = await api(url);
    return response.ok && data ? data : null;
  }

  function showOutcome(button, status, source) {
    const health = HEALTH[source.health] || source.health;
    status.className = source.health_reason ? "form-status errors" : "form-status success";
    status.textContent = source.health_reason
      ? interpolate(gettext("Checked: %(health)s, %(reason)s."),
        { health, reason: source.health_reason }, true)
      : interpolate(gettext("Checked: %(health)s."), { health }, true);
    document.querySelectorAll(`[data-health-of="${source.id}"]`).forEach((node) => {
      const fresh = badge("health", source.health, HEALTH);
      fresh.dataset.healthOf = source.id;
      node.replaceWith(fresh);
    });
    document.querySelectorAll(`[data-reason-of="${source.id}"]`).forEach((node) => {
      node.textContent = source.health_reason;
    });
    if (button.dataset.refresh) refreshSections(button.dataset.refresh.split(" "));
  }

  function setupRecheckButton(button) {
    const status = button.parentElement.querySelector(".form-status");
    button.addEventListener("click", async () => {
      button.disabled = true;
      status.className = "form-status";
      status.textContent = gettext("Queuing…");
      try {
        const before = await currentSource(button.dataset.source);
        const { response, data } = await api(button.dataset.url, { method: "POST" });
        if (!response.ok) {
          status.className = "form-status errors";
          status.textContent = problemText(data);
          return;
        }
        status.textContent = gettext("Queued: waiting for the check…");
        const started = Date.now();
        for (let wait = 400; Date.now() - started < POLL_FOR_MS; wait = Math.min(wait * 1.5, 5000)) {
          await sleep(wait);
          const now = await currentSource(button.dataset.source);
          if (now && now.last_checked_at && now.last_checked_at !== (before && before.last_checked_at)) {
            showOutcome(button, status, now);
            return;
          }
        }
        status.textContent = gettext("The check has not finished yet; reload the page later to see its outcome.");
      } catch (error) {
        status.className = "form-status errors";
        status.textContent = gettext("The server could not be reached. Try again.");
      } finally {
        button.disabled = false;
      }
    });
  }

  /* --- Citations (editors) --------------------------------------------------------------- */

  function sourceLabel(source) {
    return source.publisher ? `${source.title} — ${source.publisher.name}` : source.title;
  }

  function setupCiteForm(form) {
    const input = form.elements.cited;
    const options = document.getElementById(input.getAttribute("list"));
    const error = document.getElementById("cite-error");
    const status = form.querySelector(".form-status");
    const known = new Map(); // what an option says → the source's id
    let typing = null;

    function showError(message) {
      error.textContent = message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }

    async function search(text) {
      const query = new URLSearchParams({ q: text, page_size: "10" });
      const { response, data } = await api(`${form.dataset.search}?${query}`);
      const found = response.ok && data ? data.results.filter((s) => s.id !== form.dataset.self) : [];
      for (const source of found) known.set(sourceLabel(source), source.id);
      return found;
    }

    input.addEventListener("input", () => {
      showError("");
      clearTimeout(typing);
      const text = input.value.trim();
      if (text.length < 2 || known.has(text)) return;
      typing = setTimeout(async () => {
        const found = await search(text);
        options.replaceChildren(...found.map((source) => el("option", { value: sourceLabel(source) })));
      }, 250);
    });

    // The source picked from the list, or the one source whose title the text names.
    async function chosen(text) {
      if (known.has(text)) return known.get(text);
      const found = await search(text);
      const exact = found.filter((s) => s.title === text || sourceLabel(s) === text);
      const candidates = exact.length ? exact : found;
      return candidates.length === 1 ? candidates[0].id : null;
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      status.className = "form-status";
      status.textContent = "";
      button.disabled = true;
      try {
        const cited = await chosen(input.value.trim());
        if (!cited) {
          showError(gettext("No one source has this title: type more of it and pick the source from the list."));
          input.focus();
          return;
        }
        const { response, data } = await api(form.dataset.url, {
          method: "POST", body: { cited, note: form.elements.note.value },
        });
        if (response.status === 201) {
          input.value = "";
          form.elements.note.value = "";
          status.className = "form-status success";
          status.textContent = interpolate(gettext("Now cites “%s”."), [data.cited.title]);
          await refreshSections(form.dataset.refresh.split(" "));
          return;
        }
        const onField = ((data && data.errors) || []).filter((e) => e.pointer === "#/cited");
        if (onField.length) {
          showError(onField.map((e) => e.detail).join(" "));
          input.focus();
        } else {
          status.className = "form-status errors";
          status.textContent = problemText(data);
        }
      } catch (error) {
        status.className = "form-status errors";
        status.textContent = gettext("The server could not be reached. Try again.");
      } finally {
        button.disabled = false;
      }
    });
  }

  // Remove buttons are drawn again with the chain, so one listener serves them all.
  async function removeCitation(button) {
    const form = document.getElementById("cite-form");
    const status = form.querySelector(".form-status");
    const title = button.closest("[data-title]").dataset.title;
    button.disabled = true;
    const { response, data } = await api(button.dataset.url, { method: "DELETE" });
    if (response.status === 204) {
      status.className = "form-status success";
      status.textContent = interpolate(gettext("No longer cites “%s”."), [title]);
      await refreshSections(form.dataset.refresh.split(" "));
    } else {
      status.className = "form-status errors";
      status.textContent = problemText(data);
      button.disabled = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("button.recheck").forEach(setupRecheckButton);
    document.querySelectorAll("form.cite-form").forEach(setupCiteForm);
    document.addEventListener("click", (event) => {
      const button = event.target.closest("button.remove-citation");
      if (button) removeCitation(button);
    });
  });
})();
