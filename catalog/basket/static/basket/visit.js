/* The visit form: a new address's fields show only when "a new address" is chosen, and
   choosing an address or a district asks the server at once for that area's times (the
   "show times" button does the same without this script). */
(function () {
  "use strict";
  var form = document.querySelector(".visit-form");
  if (!form) return;
  var show = form.querySelector("button[name=show_times]");

  function chosenAddress() {
    var checked = form.querySelector("input[name$=address]:checked");
    return checked ? checked.value : "";
  }

  function toggleNewAddress() {
    form.classList.toggle("has-saved-address", chosenAddress() !== "new");
  }

  function showTimes() {
    if (show && form.requestSubmit) form.requestSubmit(show);
    else if (show) show.click();
  }

  form.addEventListener("change", function (event) {
    var name = event.target.name || "";
    if (/(^|-)address$/.test(name)) {
      toggleNewAddress();
      if (event.target.value !== "new") showTimes();
    } else if (/(^|-)district$/.test(name) && event.target.value) {
      showTimes();
    }
  });
  toggleNewAddress();
})();
