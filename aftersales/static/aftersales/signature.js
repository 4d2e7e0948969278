/*
 * The customer's signature on the engineer's phone (aftersales/templates/aftersales/engineer/job.html).
 * Draws with a finger or a mouse on the canvas and, when the form is sent, puts the drawing
 * into the hidden "signature" field as a PNG data URL; the server checks it
 * (aftersales.signatures). A static file: the Content-Security-Policy runs no inline script.
 */
(function () {
    "use strict";

    function setUp(box) {
        var canvas = box.querySelector("canvas");
        var field = box.querySelector("input[type=hidden]");
        var clear = box.querySelector(".signature__clear");
        var form = box.closest("form");
        var context = canvas.getContext("2d");
        var drawing = false;
        var drawn = false;

        context.lineWidth = 4;
        context.lineCap = "round";
        context.lineJoin = "round";
        context.strokeStyle = "#1f2a33";

        function point(event) {
            var box = canvas.getBoundingClientRect();
            return {
                x: (event.clientX - box.left) * (canvas.width / box.width),
                y: (event.clientY - box.top) * (canvas.height / box.height)
            };
        }

        canvas.addEventListener("pointerdown", function (event) {
            drawing = true;
            canvas.setPointerCapture(event.pointerId);
            var p = point(event);
            context.beginPath();
            context.moveTo(p.x, p.y);
            event.preventDefault();
        });
        canvas.addEventListener("pointermove", function (event) {
            if (!drawing) {
                return;
            }
            var p = point(event);
            context.lineTo(p.x, p.y);
            context.stroke();
            drawn = true;
            event.preventDefault();
        });
        ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
            canvas.addEventListener(name, function () {
                drawing = false;
            });
        });
        clear.addEventListener("click", function () {
            context.clearRect(0, 0, canvas.width, canvas.height);
            drawn = false;
            field.value = "";
        });
        form.addEventListener("submit", function () {
            field.value = drawn ? canvas.toDataURL("image/png") : "";
        });
    }

    document.querySelectorAll("[data-signature]").forEach(setUp);
})();
