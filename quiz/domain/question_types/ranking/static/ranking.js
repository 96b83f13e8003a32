// Move-up and move-down buttons for a ranking. Progressive enhancement: the position selects
// work without this script, and the server checks every position.
(function () {
  "use strict";

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

  // No "Move up" on the first item, no "Move down" on the last: a button that could do nothing
  // is not offered (issue 32). One that goes away under the keyboard's focus hands the focus
  // to the item's other button.
  function showMovesThatCanMove(list) {
    var all = items(list);
    all.forEach(function (item, index) {
      var up = item.querySelector("[data-move='-1']"), down = item.querySelector("[data-move='1']");
      var hideUp = index === 0, hideDown = index === all.length - 1;
      if ((hideUp && document.activeElement === up) || (hideDown && document.activeElement === down)) {
        (hideUp ? down : up).focus();
      }
      up.hidden = hideUp;
      down.hidden = hideDown;
    });
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
        button.setAttribute("data-move", String(pair[1]));
        button.addEventListener("click", function () {
          move(list, item, pair[1], status);
          button.focus();
          showMovesThatCanMove(list);
        });
        item.appendChild(button);
      });
    });
    sortList(list);
    showMovesThatCanMove(list);
  });
}());
