// Stripe's Payment Element: Stripe collects the card, confirms the PaymentIntent (3-D Secure
// included) and sends the browser to our return page, which places the order.
(function () {
  "use strict";
  var form = document.getElementById("stripe-payment-form");
  if (!form || typeof Stripe === "undefined") { return; }
  var stripe = Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  elements.create("payment").mount("#payment-element");
  var button = document.getElementById("pay-now");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    stripe.confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.returnUrl } })
      .then(function (result) {
        if (result.error) {
          document.getElementById("payment-error").textContent = result.error.message;
          button.disabled = false;
        }
      });
  });
})();
