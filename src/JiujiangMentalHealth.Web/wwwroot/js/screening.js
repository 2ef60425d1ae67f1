// Scores a screening sheet as the counsellor types, so a crisis answer shows before saving.
// The server scores again on "计分预览" and on save; this script only informs.
(function () {
    "use strict";
    var form = document.getElementById("screening-form");
    if (!form) {
        return;
    }
    var instrument = form.getAttribute("data-instrument");
    var live = document.getElementById("score-live");
    var crisis = document.getElementById("crisis-live");
    var isChinese = document.documentElement.lang.indexOf("zh") === 0;

    function say(zh, en) {
        live.textContent = isChinese ? zh : en;
    }

    function questionnaire() {
        var items = instrument === "Phq9" ? 9 : 7;
        var total = 0;
        var answered = 0;
        var item9 = 0;
        form.querySelectorAll("input[type=radio]:checked").forEach(function (radio) {
            var value = parseInt(radio.value, 10);
            total += value;
            answered += 1;
            if (instrument === "Phq9" && radio.getAttribute("data-item") === "9") {
                item9 = value;
            }
        });
        if (crisis) {
            crisis.classList.toggle("d-none", !(instrument === "Phq9" && item9 > 0));
        }
        var edges = instrument === "Phq9"
            ? [[20, "重度", "severe"], [15, "中重度", "moderately severe"], [10, "中度", "moderate"], [5, "轻度", "mild"], [0, "无或极轻", "minimal"]]
            : [[15, "重度", "severe"], [10, "中度", "moderate"], [5, "轻度", "mild"], [0, "无或极轻", "minimal"]];
        var band = edges.find(function (e) { return total >= e[0]; });
        say("已答 " + answered + "/" + items + " 题，总分 " + total + "，" + band[1],
            answered + "/" + items + " answered, total " + total + ", " + band[2]);
    }

    function mht() {
        var scales = JSON.parse(form.getAttribute("data-mht-scales") || "[]");
        var text = (document.getElementById("MhtAnswers").value || "").replace(/[\s,，]/g, "");
        var answers = [];
        for (var i = 0; i < text.length; i++) {
            var c = text[i].toUpperCase();
            if ("A1Y是".indexOf(c) >= 0) { answers.push(1); } else if ("B0N否".indexOf(c) >= 0) { answers.push(0); } else { answers.push(null); }
        }
        if (answers.indexOf(null) >= 0) {
            say("含有无法识别的字符：只能输入A/B（或1/0、是/否）", "Unrecognised characters: use A/B (or 1/0)");
            return;
        }
        var total = 0;
        var lie = 0;
        var flagged = [];
        scales.forEach(function (scale) {
            var score = scale.items.reduce(function (sum, item) { return sum + (answers[item - 1] || 0); }, 0);
            if (scale.name === "lie") { lie = score; } else { total += score; if (score >= 8) { flagged.push(scale.name); } }
        });
        var state = lie >= 7 ? "效度量表" + lie + "分（≥7），答卷无效，需重测"
            : total >= 65 ? "总焦虑倾向" + total + "分（≥65），需制定个别辅导方案"
            : total >= 56 ? "总焦虑倾向" + total + "分（56–64），需关注"
            : "总焦虑倾向" + total + "分";
        say("已输入 " + answers.length + "/100 题；" + state + (flagged.length ? "；偏高分量表：" + flagged.join("、") : ""),
            answers.length + "/100 entered; total " + total + ", lie scale " + lie + (flagged.length ? "; high scales: " + flagged.join(", ") : ""));
    }

    var handler = instrument === "Mht" ? mht : (instrument === "Phq9" || instrument === "Gad7") ? questionnaire : null;
    if (handler) {
        form.addEventListener("input", handler);
        form.addEventListener("change", handler);
        handler();
    }
})();
