// The actor page's quote book: typing in the filter box hides the quotes that do not contain the words.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("quote-filter");
  const none = document.getElementById("quote-none");
  if (!box) return;
  const items = Array.from(document.querySelectorAll("#quote-book .quote-item"));
  box.addEventListener("input", () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of items) {
      const text = item.textContent.toLowerCase();
      const hit = words.every((w) => text.includes(w));
      item.hidden = !hit;
      if (hit) shown += 1;
    }
    if (none) none.hidden = shown > 0;
  });
});
