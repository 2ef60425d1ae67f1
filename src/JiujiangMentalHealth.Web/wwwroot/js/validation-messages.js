// jQuery Validation's own messages (rules it makes from type="number", step, min, max …) in the
// page's language: on a Chinese page no English "Please enter a valid number." is ever shown. The
// messages a field declares itself (data-val-*) still win.
(function ($) {
    "use strict";
    if (!$ || !$.validator || document.documentElement.lang !== "zh-CN") {
        return;
    }
    $.extend($.validator.messages, {
        required: "请填写此项",
        remote: "请修正此项",
        email: "请输入有效的电子邮件地址",
        url: "请输入有效的网址",
        date: "请输入有效的日期",
        dateISO: "请输入有效的日期（如2024-08-12）",
        number: "请输入有效的数字",
        digits: "只能输入整数",
        equalTo: "两次输入不一致",
        maxlength: $.validator.format("最多 {0} 个字"),
        minlength: $.validator.format("至少 {0} 个字"),
        rangelength: $.validator.format("长度应在 {0} 到 {1} 个字之间"),
        range: $.validator.format("请输入 {0} 到 {1} 之间的数值"),
        max: $.validator.format("请输入不大于 {0} 的数值"),
        min: $.validator.format("请输入不小于 {0} 的数值"),
        step: $.validator.format("请输入 {0} 的整数倍")
    });
})(window.jQuery);
