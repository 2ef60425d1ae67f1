// Site-wide behaviour, kept out of the markup so the CSP can forbid inline scripts.
(function () {
    "use strict";

    // <form data-confirm="…"> (or a submit button with it, when only that button is irreversible):
    // ask before an irreversible action.
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var button = event.submitter;
        var message = (button && button.getAttribute("data-confirm")) || (form.getAttribute && form.getAttribute("data-confirm"));
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

// Uploads and other slow posts (<form enctype="multipart/form-data"> or <form data-busy="…">): once the
// form really goes (not refused by validation or a confirmation), the button shows a spinner and the
// page says what is happening, so nobody clicks twice or leaves. Export links (<a data-export>) do the
// same for a few seconds while the file is made.
(function () {
    "use strict";
    var defaultText = document.body.getAttribute("data-busy-text") || "";
    var exportText = document.body.getAttribute("data-export-text") || defaultText;

    function busy(button, text) {
        if (!button || button.getAttribute("aria-busy") === "true") {
            return;
        }
        button.setAttribute("aria-busy", "true");
        var spinner = document.createElement("span");
        spinner.className = "spinner-border spinner-border-sm me-1";
        spinner.setAttribute("aria-hidden", "true");
        button.insertBefore(spinner, button.firstChild);
        var status = document.createElement("span");
        status.className = "ms-2 small text-muted busy-status";
        status.setAttribute("role", "status");
        status.textContent = text;
        button.insertAdjacentElement("afterend", status);
        return function () {
            button.removeAttribute("aria-busy");
            spinner.remove();
            status.remove();
        };
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (event.defaultPrevented || !(form instanceof HTMLFormElement)
            || (form.enctype !== "multipart/form-data" && !form.hasAttribute("data-busy"))) {
            return;
        }
        var button = event.submitter || form.querySelector("button[type=submit]");
        busy(button, form.getAttribute("data-busy") || defaultText);
        // Disabled after the browser has taken the submitter's name and value into the post.
        window.setTimeout(function () { if (button) { button.disabled = true; } }, 0);
    });

    // Back to a page from the browser's cache: its buttons work again.
    window.addEventListener("pageshow", function (event) {
        if (event.persisted) {
            document.querySelectorAll("[aria-busy=true]").forEach(function (button) {
                button.disabled = false;
                button.removeAttribute("aria-busy");
                button.querySelectorAll(".spinner-border").forEach(function (s) { s.remove(); });
            });
            document.querySelectorAll(".busy-status").forEach(function (s) { s.remove(); });
        }
    });

    document.querySelectorAll("a[data-export]").forEach(function (link) {
        link.addEventListener("click", function () {
            var done = busy(link, exportText);
            if (done) {
                window.setTimeout(done, 4000);
            }
        });
    });
})();
