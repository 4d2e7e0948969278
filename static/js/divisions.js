/* Province → city → district: choosing one refills the next list from /<lang>/shop/divisions/.
   Without this script the lists are plain selects: the server checks what is posted and comes
   back with the chosen province's cities or city's districts. */
(function () {
  "use strict";

  // Each list remembers which request may fill it: choosing again (or choosing the list above)
  // while an answer is on its way makes that answer stale, so two answers never both append.
  var pending = new WeakMap();

  function reset(select) {
    pending.set(select, (pending.get(select) || 0) + 1);
    while (select.options.length > 1) select.remove(select.options.length - 1);
    select.value = "";
  }

  function refill(parent) {
    var child = document.getElementById(parent.getAttribute("data-division-child"));
    if (!child) return;
    reset(child);
    var grandchild = document.getElementById(child.getAttribute("data-division-child") || "");
    if (grandchild) reset(grandchild);
    var ticket = pending.get(child);
    child.dispatchEvent(new Event("divisions:cleared", { bubbles: true }));
    if (!parent.value) return;
    var url = parent.getAttribute("data-divisions-url") + "?parent=" + encodeURIComponent(parent.value);
    child.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { divisions: [] }; })
      .then(function (data) {
        if (pending.get(child) !== ticket) return;
        data.divisions.forEach(function (division) {
          child.add(new Option(division.name, division.code));
        });
        // A municipality has one "city": choose it at once and load its districts.
        if (data.divisions.length === 1) {
          child.value = data.divisions[0].code;
          if (child.hasAttribute("data-division-child")) refill(child);
        }
        child.dispatchEvent(new Event("divisions:filled", { bubbles: true }));
      })
      .finally(function () {
        if (pending.get(child) === ticket) child.removeAttribute("aria-busy");
      });
  }

  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-division-child]")) refill(select);
  });
})();
