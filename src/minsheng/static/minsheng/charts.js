// Charts of the supervision pages, drawn with Apache ECharts (served from npm, no CDN).
// Each <div data-chart> names the json_script element that holds its data.
(function () {
  "use strict";
  function bars(el, data) {
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
      legend: { data: ["完成率", "序时进度"] },
      grid: { left: 48, right: 16, bottom: 80 },
      xAxis: { type: "category", data: data.names, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
      series: [
        { name: "完成率", type: "bar", data: data.completion },
        { name: "序时进度", type: "line", data: data.expected, symbol: "diamond" },
      ],
    };
  }
  function trend(el, data) {
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll" },
      grid: { left: 56, right: 16, bottom: 40 },
      xAxis: { type: "category", data: data.periods },
      yAxis: { type: "value" },
      series: data.series.map(function (s) { return { name: s.name, type: "line", data: s.data, connectNulls: true }; }),
    };
  }
  var kinds = { bars: bars, trend: trend };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.source);
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    if (typeof data === "string") { data = JSON.parse(data); }
    var chart = window.echarts.init(el);
    chart.setOption(kinds[el.dataset.chart](el, data));
    window.addEventListener("resize", function () { chart.resize(); });
    el.dataset.ready = "1";
  });
})();
