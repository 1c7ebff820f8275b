// 申请人类型: show only the applicant block that matches the chosen type (progressive
// disclosure). Without JavaScript both blocks stay visible and the form works the same.
(function () {
    "use strict";
    var radios = document.querySelectorAll('input[name="applicant_type"]');
    var blocks = document.querySelectorAll("[data-applicant-block]");
    if (!radios.length || !blocks.length) {
        return;
    }
    function update() {
        var chosen = document.querySelector('input[name="applicant_type"]:checked');
        blocks.forEach(function (block) {
            block.hidden = Boolean(chosen) && block.getAttribute("data-applicant-block") !== chosen.value;
        });
    }
    radios.forEach(function (radio) {
        radio.addEventListener("change", update);
    });
    update();
})();
