// A checklist's "None of these" stands alone. Progressive enhancement: the server checks it too.
(function () {
  "use strict";

  // "None of these" stands alone: ticking it unticks the other items, and the other way round.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox" || !box.checked || !box.closest("fieldset")) return;
    box.closest("fieldset").querySelectorAll('input[type="checkbox"]').forEach(function (other) {
      if (other !== box && (box.hasAttribute("data-none-of-these") || other.hasAttribute("data-none-of-these"))) {
        other.checked = false;
      }
    });
  });
}());
