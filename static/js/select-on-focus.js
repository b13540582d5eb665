// Fields marked data-select-on-focus select their whole value when clicked or tabbed into, so a
// one-time secret (the admin's issued API token) is copied whole. A file, not an inline
// handler: the Content-Security-Policy allows scripts from our origin only.
function selectMarkedField(event) {
  const field = event.target;
  if (field instanceof HTMLInputElement && field.hasAttribute("data-select-on-focus")) {
    field.select();
  }
}
document.addEventListener("focusin", selectMarkedField);
document.addEventListener("click", selectMarkedField);
