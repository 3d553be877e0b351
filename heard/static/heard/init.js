import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

// Wide tables scroll inside their own labelled box, so no page scrolls sideways on a phone. Each box can take
// keyboard focus (arrow keys scroll it) and is named after the table's caption or the heading above it.
function labelFor(table) {
  const caption = table.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim().replace(/\s+/g, " ");
  let before = table.parentElement;
  while (before && before !== document.body) {
    let sibling = before.previousElementSibling;
    while (sibling) {
      if (/^H[1-4]$/.test(sibling.tagName)) return sibling.textContent.trim().replace(/\s+/g, " ");
      sibling = sibling.previousElementSibling;
    }
    before = before.parentElement;
  }
  return "Table";
}

export function scrollTables(root) {
  for (const table of root.querySelectorAll("main table")) {
    const box = table.closest(".heard-scroll, .heard-table-scroll, [role=region]");
    if (box) {
      if (!box.hasAttribute("role")) box.setAttribute("role", "region");
      if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) box.setAttribute("aria-label", labelFor(table));
      box.classList.add("heard-scroll");
      continue;
    }
    const wrapper = document.createElement("div");
    wrapper.className = "heard-scroll";
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("aria-label", labelFor(table));
    table.parentNode.insertBefore(wrapper, table);
    wrapper.appendChild(table);
  }
}

scrollTables(document);
document.body.addEventListener("htmx:afterSwap", (event) => scrollTables(event.target));
initAll();
