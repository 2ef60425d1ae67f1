// Site-wide behaviour, kept out of the markup so the CSP can forbid inline scripts.
(function () {
    "use strict";

    // <form data-confirm="…">: ask before an irreversible action.
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var message = form.getAttribute && form.getAttribute("data-confirm");
        if (message && !window.confirm(message)) {
            event.preventDefault();
        }
    }, true);

    // jQuery Validation makes rules of its own from an input's min/max attributes, with English
    // messages ("Please enter a value greater than or equal to 100.") that win over the field's
    // localized [Range] message; give those rules the [Range] message (data-val-range) instead.
    document.querySelectorAll("[data-val-range]").forEach(function (input) {
        var message = input.getAttribute("data-val-range");
        ["data-msg-min", "data-msg-max"].forEach(function (name) {
            if (!input.hasAttribute(name)) {
                input.setAttribute(name, message);
            }
        });
    });

    // <select data-classes-url="…" data-classes-target="#id">: reload the class list when the school changes.
    document.querySelectorAll("select[data-classes-url]").forEach(function (schoolSelect) {
        schoolSelect.addEventListener("change", function () {
            var target = document.querySelector(schoolSelect.getAttribute("data-classes-target"));
            if (!target) {
                return;
            }
            target.innerHTML = "";
            if (!schoolSelect.value) {
                return;
            }
            fetch(schoolSelect.getAttribute("data-classes-url") + "&schoolId=" + encodeURIComponent(schoolSelect.value), { credentials: "same-origin" })
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (classes) {
                    classes.forEach(function (c) {
                        var option = document.createElement("option");
                        option.value = c.id;
                        option.textContent = c.name;
                        target.appendChild(option);
                    });
                });
        });
    });
})();

// <button data-print>: print the page (no inline onclick under the CSP).
document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
});

// A table wider than the screen scrolls inside its .table-responsive box: make that box reachable
// and scrollable from the keyboard (WCAG 2.1.1), named after the table's caption when it has one.
document.querySelectorAll(".table-responsive").forEach(function (region) {
    if (region.scrollWidth > region.clientWidth + 1 && !region.hasAttribute("tabindex")) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        var caption = region.querySelector("caption");
        var heading = caption ? caption.textContent : (region.closest("section") && region.closest("section").querySelector("h2") || {}).textContent;
        if (heading) {
            region.setAttribute("aria-label", heading.trim());
        }
    }
});
