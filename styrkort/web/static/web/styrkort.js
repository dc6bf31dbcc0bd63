// Styrkort: small keyboard help for the indicator grid. Everything works without it.
// In a figure field, Enter or arrow down moves to the same column in the row below (as in a
// spreadsheet), Shift+Enter or arrow up to the row above; Enter never submits the grid.
// Ctrl+Enter (Cmd+Enter) in any field of the grid saves it.
document.addEventListener("keydown", function (event) {
  const field = event.target;
  if (!(field instanceof HTMLElement) || !field.closest("table.grid")) return;
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    const form = field.closest("form");
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
    return;
  }
  if (!(field instanceof HTMLInputElement) || field.type !== "text") return;
  let step = 0;
  if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) step = 1;
  if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) step = -1;
  if (!step || event.altKey) return;
  if (event.key === "Enter") event.preventDefault();  // never an implicit submission
  const column = field.name.split("-").pop();
  const inputs = Array.from(document.querySelectorAll("table.grid input[type=text][name$='-" + column + "']"));
  const next = inputs[inputs.indexOf(field) + step];
  if (next) {
    event.preventDefault();
    next.focus();
    next.select();
  }
});
// The grid remembers the row being worked on, so that a save returns to it (#rad-<id>).
document.addEventListener("focusin", function (event) {
  const row = event.target instanceof Element ? event.target.closest("table.grid tbody.grid-row") : null;
  const place = row ? row.closest("form").querySelector("input.grid-place") : null;
  if (place) place.value = row.id.replace("rad-", "");
});
// The grid is shown a page of goals at a time: leaving it (another page, a filter) with changes
// not saved asks first; saving does not.
let gridChanged = false;
document.addEventListener("input", function (event) {
  if (event.target instanceof Element && event.target.closest("form.grid-form")) gridChanged = true;
});
document.addEventListener("submit", function (event) {
  if (event.target instanceof Element && event.target.matches("form.grid-form")) gridChanged = false;
});
window.addEventListener("beforeunload", function (event) {
  if (!gridChanged) return;
  event.preventDefault();
  event.returnValue = "";
});
// After the page is laid out and scrolled to #rad-<id> (focusing earlier is undone by the scroll).
window.addEventListener("load", function () {
  const hash = window.location.hash;
  if (!/^#rad-[0-9]+$/.test(hash)) return;
  const row = document.getElementById(hash.slice(1));
  const field = row ? row.querySelector("input[type=text], textarea") : null;
  if (field) field.focus({ preventScroll: true });
});
// Move focus to an error summary so screen readers and keyboard users find it first.
document.addEventListener("DOMContentLoaded", function () {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});
// "Tillbaka" links on error pages go back in history (no inline script: the CSP forbids it).
document.addEventListener("click", function (event) {
  const link = event.target instanceof Element ? event.target.closest("a[data-back]") : null;
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
