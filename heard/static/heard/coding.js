// Keyboard help for the coding grid: j/k move between answers, a accepts all suggestions, t adds a theme.
(function () {
  function rows() { return Array.from(document.querySelectorAll(".heard-answer")); }
  function current() { return document.activeElement && document.activeElement.closest(".heard-answer"); }
  function focusRow(row) { if (row) { row.focus(); row.scrollIntoView({ block: "nearest" }); } }
  document.addEventListener("keydown", function (event) {
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "select", "textarea"].includes(tag) || event.ctrlKey || event.metaKey || event.altKey) return;
    const all = rows();
    const row = current();
    const index = row ? all.indexOf(row) : -1;
    if (event.key === "j") { focusRow(all[Math.min(index + 1, all.length - 1)]); event.preventDefault(); }
    else if (event.key === "k") { focusRow(all[Math.max(index - 1, 0)]); event.preventDefault(); }
    else if (event.key === "a" && row) { const b = row.querySelector("[data-accept-all]"); if (b) b.click(); event.preventDefault(); }
    else if (event.key === "t" && row) { const s = row.querySelector("select[name=theme]"); if (s) s.focus(); event.preventDefault(); }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    const row = event.detail.target && document.getElementById(event.detail.target.id);
    if (row && row.classList.contains("heard-answer")) focusRow(row);
  });
})();
