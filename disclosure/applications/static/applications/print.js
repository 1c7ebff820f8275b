// 打印/保存为PDF: the receipt's button opens the browser's print dialogue (where 另存为 PDF is
// one of the printers). The button stays hidden without JavaScript.
(function () {
    "use strict";
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
