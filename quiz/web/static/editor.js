// The question editor opens at a #fragment naming one of its fields when "Add option" brings
// it back (the button posts to the page's URL with the new row's text box as the fragment).
// Without this script the browser scrolls there; with it, the text box also has the focus.
(function () {
  "use strict";
  var field = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (field && field.form) field.focus();
}());
