// Progressive enhancement for the quiz's answer forms. Every rule here is also checked
// on the server, and the forms work without this script.
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

  // Items to put in order: move-up and move-down buttons that keep the position selects in step.
  function position(item) {
    var value = item.querySelector("select").value;
    return Number(value.slice(value.indexOf(":") + 1)) || 0;
  }

  function setPosition(item, number) {
    var select = item.querySelector("select");
    var id = select.value.slice(0, select.value.indexOf(":"));
    select.value = id + ":" + number;
  }

  function items(list) {
    return Array.prototype.slice.call(list.querySelectorAll(".order-item"));
  }

  function sortList(list) {
    var all = items(list);
    if (all.some(function (item) { return !position(item); })) return;
    all.sort(function (a, b) { return position(a) - position(b); })
       .forEach(function (item) { list.appendChild(item); });
  }

  function move(list, item, step, status) {
    var all = items(list);
    if (all.some(function (each) { return !position(each); })) {
      all.forEach(function (each, index) { setPosition(each, index + 1); });
    }
    var from = position(item), to = from + step;
    var other = all.filter(function (each) { return position(each) === to; })[0];
    if (!other) return;
    setPosition(other, from);
    setPosition(item, to);
    sortList(list);
    status.textContent = item.querySelector(".order-text").textContent + ": position " + to + " of " + all.length;
  }

  document.querySelectorAll("[data-order-items]").forEach(function (list) {
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(status, list.nextSibling);
    items(list).forEach(function (item) {
      var text = item.querySelector(".order-text").textContent;
      [["Move up", -1], ["Move down", 1]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-quiet order-move";
        button.textContent = pair[0];
        button.setAttribute("aria-label", pair[0] + ": " + text);
        button.addEventListener("click", function () {
          move(list, item, pair[1], status);
          button.focus();
        });
        item.appendChild(button);
      });
    });
    sortList(list);
  });

  // A copy button after each text marked data-copy (the resume link), added only where the
  // browser lets a page copy: no button that does nothing. The text itself stays selectable.
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-copy]").forEach(function (text) {
      var button = document.createElement("button");
      var status = document.createElement("span");
      button.type = "button";
      button.className = "button button-quiet copy-button";
      button.textContent = "Copy " + text.getAttribute("data-copy");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(text.textContent.trim()).then(function () {
          status.textContent = "Copied";
        }, function () {
          status.textContent = "Not copied: select the " + text.getAttribute("data-copy") + " and copy it yourself.";
        });
      });
      text.parentNode.insertBefore(status, text.nextSibling);
      text.parentNode.insertBefore(button, status);
    });
  }
}());
