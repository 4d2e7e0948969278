/*
 * Progressive enhancement only: every page works without this file.
 *
 * - <html> trades its "no-js" class for "js", so styles can tell that scripts run (this
 *   was inline in base.html until the Content-Security-Policy allowed static files only).
 * - Sideways-scrolling rows (shop categories, account tabs, checkout steps) start scrolled
 *   so that the current item is visible on a narrow phone.
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
})();
