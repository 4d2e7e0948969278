/*
 * Oscar's page behaviours, started from a file.
 *
 * Oscar's templates start them with inline code in an `onbodyload` block, which the
 * Content-Security-Policy does not let run (customer pages run static files only), so
 * base.html no longer renders that block. This file calls the same functions of Oscar's
 * ui.js, each on the pages that carry its markup, and replaces the inline onclick=""
 * handlers of the templates forked for that reason (data-behaviours="back" and "print").
 *
 * Listings and product pages do without Oscar's scripts (jQuery, Bootstrap's, ui.js; see
 * oscar/layout.html): there the two behaviours they used, submitting the sort order when it
 * changes and a busy "Adding..." button that cannot be pressed twice, are done here.
 */
(function () {
    "use strict";
    var oscar = window.oscar;
    if (!oscar || !window.jQuery) {
        lightBehaviours();
        return;
    }

    // Every page (layout.html): form locking, "loading" buttons, date pickers.
    oscar.init();

    // basket.html: AJAX line updates, the voucher form.
    var basket = document.getElementById("basket_formset");
    if (basket) {
        oscar.basket.init({ basketURL: basket.action || document.URL });
    }

    // catalogue/browse.html and search/results.html: sort and facet widgets.
    if (document.getElementById("id_sort_by") || document.querySelector(".facet_checkbox")) {
        oscar.search.init();
    }

    // communication/notifications/list.html: archive and delete links.
    if (document.querySelector('a[data-behaviours~="archive"], a[data-behaviours~="delete"]')) {
        oscar.notifications.init();
    }

    // customer/wishlists/wishlists_list.html: copy a shared list's link.
    if (document.querySelector(".clipboard-item")) {
        oscar.customer.wishlists.init();
    }

    // checkout/gateway.html: guest or member (only shown if anonymous checkout is on).
    if (document.querySelector("form input[name=options]")) {
        oscar.checkout.gateway.init();
    }

    // communication/email/email_detail.html: the email's HTML in a frame, away from our CSS.
    // The frame inherits this page's policy, so the email's own <style> does not apply.
    var preview = document.getElementById("preview_box");
    if (preview && preview.contentWindow) {
        var frame = preview.contentWindow.document;
        frame.open();
        frame.write(preview.textContent);
        frame.close();
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest &&
            event.target.closest('[data-behaviours~="print"], [data-behaviours~="back"]');
        if (!link) {
            return;
        }
        if (link.matches('[data-behaviours~="print"]')) {
            event.preventDefault();
            window.print();
        } else if (window.history.length > 1) {
            // Without history the link's own href (the account page) is where it goes.
            event.preventDefault();
            window.history.back();
        }
    });

    function lightBehaviours() {
        var sort = document.getElementById("id_sort_by");
        if (sort && sort.form) {
            sort.addEventListener("change", function () { sort.form.submit(); });
        }
        document.addEventListener("submit", function (event) {
            var form = event.target;
            if (form.getAttribute("data-busy")) {
                event.preventDefault();
                return;
            }
            form.setAttribute("data-busy", "1");
            var button = form.querySelector("[data-loading-text]");
            if (button) {
                // After this turn, so that the button's own value is still sent.
                window.setTimeout(function () {
                    button.setAttribute("data-idle-html", button.innerHTML);
                    button.textContent = button.getAttribute("data-loading-text");
                    button.disabled = true;
                });
            }
        });
        // Back from the basket (bfcache): the page comes back as it was left.
        window.addEventListener("pageshow", function () {
            Array.prototype.forEach.call(document.querySelectorAll("form[data-busy]"), function (form) {
                form.removeAttribute("data-busy");
                var button = form.querySelector("[data-loading-text]");
                if (button && button.hasAttribute("data-idle-html")) {
                    button.innerHTML = button.getAttribute("data-idle-html");
                    button.disabled = false;
                }
            });
        });
    }
})();
