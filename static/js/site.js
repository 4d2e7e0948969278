/*
 * Progressive enhancement only: every page works without this file.
 *
 * Sideways-scrolling rows (shop categories, account tabs, checkout steps) start scrolled so
 * that the current item is visible on a narrow phone.
 */
(function () {
    "use strict";
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
