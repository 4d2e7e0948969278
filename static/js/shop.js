/*
 * Oscar's page behaviours, started from a file.
 *
 * Oscar's templates start them with inline code in an `onbodyload` block, which the
 * Content-Security-Policy does not let run (customer pages run static files only), so
 * base.html no longer renders that block. This file calls the same functions of Oscar's
 * ui.js, each on the pages that carry its markup, and replaces the inline onclick=""
 * handlers of the templates forked for that reason (data-behaviours="back" and "print").
 */
(function () {
    "use strict";
    var oscar = window.oscar;
    if (!oscar || !window.jQuery) {
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
})();
