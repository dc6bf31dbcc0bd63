// Styrkort: small keyboard help for the indicator grid. Everything works without it.
// Arrow up/down in a figure field moves to the same column in the row above/below.
document.addEventListener("keydown", function (event) {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.closest("table.grid")) return;
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const column = input.name.split("-").pop();
  const inputs = Array.from(document.querySelectorAll("table.grid input[type=text][name$='-" + column + "']"));
  const next = inputs[inputs.indexOf(input) + (event.key === "ArrowDown" ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
    next.select();
  }
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
