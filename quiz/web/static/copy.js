// A copy button beside each private link and code. Progressive enhancement: the text stays
// selectable without this script.
(function () {
  "use strict";

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
