// The WeChat Pay page: ask the server every few seconds whether the payment is through
// (it places the order when it is), then go to the return page, which shows the outcome.
(function () {
  "use strict";
  var section = document.getElementById("wallet-payment");
  if (!section || !window.fetch) { return; }
  var statusUrl = section.dataset.statusUrl;
  var every = 3000;
  var stopAt = Date.now() + 30 * 60 * 1000; // a QR code the customer left open for half an hour
  function poll() {
    if (Date.now() > stopAt) { return; }
    fetch(statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && body.done) {
          window.location.assign(body.next);
        } else {
          window.setTimeout(poll, every);
        }
      })
      .catch(function () { window.setTimeout(poll, every * 2); });
  }
  window.setTimeout(poll, every);
})();
