// Keys for the coding grid (listed on the page): j/k move between answers, y accepts a suggestion, n rejects it,
// a accepts every pre-selected suggestion, t types a theme (Enter adds it, Esc goes back), s sets the sentiment.
// Every key presses a button or focuses a field that is on the page anyway, so nothing needs JavaScript.
(function () {
  function rows() { return Array.from(document.querySelectorAll(".heard-answer")); }
  function current() { return document.activeElement && document.activeElement.closest(".heard-answer"); }
  function focusRow(row) { if (row) { row.focus(); row.scrollIntoView({ block: "nearest" }); } }
  function suggestion(row) {
    const here = document.activeElement && document.activeElement.closest("[data-suggestion]");
    return here && row.contains(here) ? here : row.querySelector("[data-suggestion]");
  }
  function press(row, selector) {
    const target = row && row.querySelector(selector);
    if (target) target.click();
  }
  document.addEventListener("keydown", function (event) {
    const tag = (event.target.tagName || "").toLowerCase();
    if (event.key === "Escape" && ["input", "select"].includes(tag)) {
      const row = current();
      if (row) { event.preventDefault(); focusRow(row); }
      return;
    }
    if (["input", "select", "textarea"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    const all = rows();
    let row = current();
    if (!row && ["y", "n", "a", "t", "s"].includes(event.key)) row = all[0];
    const index = row ? all.indexOf(row) : -1;
    if (event.key === "j") { focusRow(all[Math.min(index + 1, all.length - 1)]); event.preventDefault(); }
    else if (event.key === "k") { focusRow(all[Math.max(index - 1, 0)]); event.preventDefault(); }
    else if (!row) { return; }
    else if (event.key === "y" || event.key === "n") {
      const item = suggestion(row);
      if (item) item.querySelector(event.key === "y" ? "[data-accept]" : "[data-reject]").click();
      event.preventDefault();
    }
    else if (event.key === "a") { press(row, "[data-accept-all]"); event.preventDefault(); }
    else if (event.key === "t") { const f = row.querySelector("[data-add-theme] input[name=theme]"); if (f) f.focus(); event.preventDefault(); }
    else if (event.key === "s") { const f = row.querySelector("select[name=score]"); if (f) f.focus(); event.preventDefault(); }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    const row = event.detail.target && document.getElementById(event.detail.target.id);
    if (row && row.classList.contains("heard-answer")) {
      const field = row.querySelector(".heard-answer-error") && row.querySelector("[data-add-theme] input[name=theme]");
      if (field) field.focus(); else focusRow(row);
    }
  });
})();
