/*
 * Progressive enhancement only: every page works without this file.
 *
 * - <html> trades its "no-js" class for "js", so styles can tell that scripts run (this
 *   was inline in base.html until the Content-Security-Policy allowed static files only).
 * - Sideways-scrolling rows (shop categories, account tabs, checkout steps) start scrolled
 *   so that the current item is visible on a narrow phone.
 * - The language switcher is plain links (no cookie from the server: pages stay cacheable);
 *   a choice made with it is remembered in Django's language cookie, set here in the
 *   browser, so the addresses without a language (/, a scanned /q/ code) follow it.
 */
(function () {
    "use strict";
    var root = document.documentElement;
    root.className = root.className.replace(/\bno-js\b/, "js");

    var rows = document.querySelectorAll(".shop-nav, .checkout-steps, .account-profile .sidebar .nav-pills");
    Array.prototype.forEach.call(rows, function (row) {
        var current = row.querySelector('[aria-current], .active');
        if (!current || row.scrollWidth <= row.clientWidth) {
            return;
        }
        var left = current.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
        row.scrollLeft = Math.max(0, left);
    });

    document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest(".lang-switch [data-language]") : null;
        if (link) {
            document.cookie = "django_language=" + encodeURIComponent(link.getAttribute("data-language")) +
                "; path=/; max-age=31536000; samesite=lax";
        }
    });
})();
