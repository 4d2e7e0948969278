/*
 * E-manual enhancements; the page works without this file.
 *
 * - A link to a fault (/manual/#e1, or a tapped table-of-contents entry) opens its <details>.
 * - A per-unit scan's serial and signature ride along on the "Still not fixed?" links.
 * - Opening a fault, following a chapter from the table of contents or starting a video
 *   tells the scan statistics which parts of the manual people need
 *   (POST /q/<code>/open, kind and key). A lost beacon costs nothing, so failures are ignored.
 */
(function () {
    "use strict";
    var manual = document.querySelector(".manual[data-qr-code]");
    if (!manual) {
        return;
    }
    var code = manual.getAttribute("data-qr-code");
    var sent = {};

    function report(kind, key) {
        var id = kind + ":" + key;
        if (!key || sent[id] || !navigator.sendBeacon || !window.FormData) {
            return;
        }
        sent[id] = true; // once per page view is what the counters mean
        try {
            var data = new FormData();
            data.append("kind", kind);
            data.append("key", key);
            navigator.sendBeacon("/q/" + encodeURIComponent(code) + "/open", data);
        } catch (e) {
            // Statistics never get in the way of reading the manual.
        }
    }

    function openTarget() {
        var id = decodeURIComponent(window.location.hash.slice(1));
        var target = id && document.getElementById(id);
        if (target && target.tagName === "DETAILS") {
            target.open = true;
        }
    }

    // "toggle" does not bubble: listen in the capture phase to catch every <details>.
    manual.addEventListener("toggle", function (event) {
        var details = event.target;
        if (details.open && details.getAttribute("data-track") === "troubleshooting") {
            report("troubleshooting", details.getAttribute("data-key"));
        }
    }, true);

    manual.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest('a[data-track="section"]');
        if (link) {
            report("section", link.getAttribute("data-key"));
        }
    });

    manual.addEventListener("play", function (event) {
        var video = event.target;
        if (video.getAttribute && video.getAttribute("data-track") === "video") {
            var section = video.closest(".manual-section");
            report("video", section ? section.id : video.getAttribute("data-key"));
        }
    }, true);

    // A per-unit code lands here with ?serial=&sig=: the "Still not fixed?" links inside the
    // cached chapters carry them on, so the request form knows which unit this is.
    var query = new URLSearchParams(window.location.search);
    if (query.get("serial") && query.get("sig")) {
        manual.querySelectorAll("a[data-carry-unit]").forEach(function (link) {
            var url = new URL(link.getAttribute("href"), window.location.href);
            url.searchParams.set("serial", query.get("serial"));
            url.searchParams.set("sig", query.get("sig"));
            link.setAttribute("href", url.pathname + url.search);
        });
    }

    window.addEventListener("hashchange", openTarget);
    openTarget();
})();
