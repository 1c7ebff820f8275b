// Title suggestions while typing (progressive enhancement: the form works without this).
(function () {
    var input = document.getElementById("search-q");
    var list = document.getElementById("search-suggestions");
    if (!input || !list || !window.fetch) return;
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
            var value = input.value.trim();
            if (!value || value === last) return;
            last = value;
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(value))
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) {
                    list.textContent = "";
                    data.suggestions.forEach(function (item) {
                        var option = document.createElement("option");
                        option.value = item.title;
                        list.appendChild(option);
                    });
                })
                .catch(function () {});
        }, 200);
    });
})();
