// Draws the dashboard's charts from their data-chart attribute (Chart.js, vendored under lib/chartjs).
// Hidden counts arrive as null and are left out; nothing here computes figures.
(function () {
    "use strict";
    if (!window.Chart) {
        return;
    }

    var palette = ["#1f5f8b", "#e07b39", "#3a9d5d", "#c0392b", "#8e44ad", "#7f8c8d"];
    var zh = (document.documentElement.lang || "").indexOf("zh") === 0;
    Chart.defaults.font.family = zh
        ? "\"Noto Sans CJK SC\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif"
        : "system-ui, -apple-system, \"Segoe UI\", sans-serif";
    Chart.defaults.animation = false;

    document.querySelectorAll("canvas.portal-chart[data-chart]").forEach(function (canvas) {
        var spec = JSON.parse(canvas.getAttribute("data-chart"));
        var tall = canvas.parentElement.classList.contains("chart-tall");
        var horizontal = !spec.line && spec.labels.length > 16;
        if (horizontal && tall) {
            canvas.parentElement.style.height = Math.max(240, spec.labels.length * 22) + "px";
        }
        new Chart(canvas, {
            type: spec.line ? "line" : "bar",
            data: {
                labels: spec.labels,
                datasets: spec.series.map(function (s, i) {
                    return { label: s.label, data: s.data, backgroundColor: palette[i % palette.length], borderColor: palette[i % palette.length], spanGaps: false };
                })
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                indexAxis: horizontal ? "y" : "x",
                plugins: { title: { display: true, text: spec.title }, legend: { display: spec.series.length > 1 } },
                scales: {
                    x: { stacked: !!spec.stacked, beginAtZero: true },
                    y: { stacked: !!spec.stacked, beginAtZero: true, ticks: spec.percent && !horizontal ? { callback: function (v) { return v + "%"; } } : {} }
                }
            }
        });
    });

    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
        select.addEventListener("change", function () { select.form.submit(); });
    });
})();
