// On a plan's page: the "new unit" fields matter only when "a unit I have not registered yet"
// is chosen, so they are shown just then. Without JavaScript all fields simply stay visible.
(function () {
  "use strict";
  var select = document.getElementById("id_unit");
  if (!select) { return; }
  var groups = ["id_new_model", "id_new_serial", "id_new_purchase_date"].map(function (id) {
    var input = document.getElementById(id);
    return input && input.closest(".form-group");
  }).filter(Boolean);
  function sync() {
    var show = select.value === "new";
    groups.forEach(function (group) { group.hidden = !show; });
  }
  select.addEventListener("change", sync);
  sync();
})();
