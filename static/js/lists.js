/* The directories' filter forms (templates/claims/_directory_form.html, source_list.html):
 * only the filters given go in the address, and names typed into the actor, topic and source
 * fields are completed from the same /api/v1/ lists API clients use, in a plain <datalist>.
 * Without script the forms still work: the server drops empty parameters and resolves names. */
(function () {
  "use strict";

  const interpolate = window.interpolate || ((s) => s);
  const gettext = window.gettext || ((s) => s);
  const SUGGESTIONS = 10;
  const WAIT_MS = 200; // after the last key, so that typing a name asks once, not per letter

  function setupFilterForm(form) {
    // The order is left out too when it is the default one.
    form.addEventListener("submit", () => {
      for (const field of form.elements) {
        if (field.name && (!field.value || field.value === field.dataset.default)) field.disabled = true;
      }
    });
    // Back from another page, the fields must be usable again.
    window.addEventListener("pageshow", () => {
      for (const field of form.elements) field.disabled = false;
    });
  }

  function option(value, label) {
    const node = document.createElement("option");
    node.value = value;
    if (label && label !== value) node.label = label;
    return node;
  }

  // Each API list's rows as the names one may type: an actor by its name and by each alias that
  // holds the typed text (an alias's option says whose it is).
  const OPTIONS = {
    actors(rows, typed) {
      const wanted = typed.toLocaleLowerCase();
      return rows.flatMap((actor) => [
        option(actor.name, actor.country ? `${actor.name} (${actor.country})` : actor.name),
        ...(actor.aliases || [])
          .filter((alias) => alias.name.toLocaleLowerCase().includes(wanted))
          .map((alias) => option(alias.name, interpolate(gettext("another name of %s"), [actor.name]))),
      ]);
    },
    topics: (rows) => rows.map((topic) => option(topic.title)),
    sources: (rows) => rows.map((source) => option(source.title)),
  };

  function setupSuggestions(input, form) {
    const kind = input.dataset.suggest;
    const url = form.dataset[`suggest${kind.charAt(0).toUpperCase()}${kind.slice(1)}`];
    if (!url || !OPTIONS[kind]) return;
    const list = document.createElement("datalist");
    list.id = `${input.id}-suggestions`;
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    let asked = "";

    async function suggest(typed) {
      asked = typed;
      const query = new URLSearchParams({ q: typed, page_size: String(SUGGESTIONS) });
      try {
        const response = await fetch(`${url}?${query}`, {
          credentials: "same-origin", headers: { Accept: "application/json" },
        });
        if (!response.ok || input.value.trim() !== typed) return;
        const data = await response.json();
        const seen = new Set();
        list.replaceChildren(...OPTIONS[kind](data.results || [], typed).filter((node) => {
          if (seen.has(node.value)) return false;
          seen.add(node.value);
          return true;
        }));
      } catch (error) {
        // No suggestions then; the field still takes the name as typed.
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const typed = input.value.trim();
      if (typed.length < 2 || typed === asked) return;
      timer = setTimeout(() => suggest(typed), WAIT_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-drop-empty]").forEach((form) => {
      setupFilterForm(form);
      form.querySelectorAll("input[data-suggest]").forEach((input) => setupSuggestions(input, form));
    });
  });
})();
