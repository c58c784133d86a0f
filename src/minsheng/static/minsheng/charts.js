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
  // The task's completion (%) so far, its expected path to the deadline with the 80 % range as a
  // band (low, then high − low stacked on it), 序时进度 and the target line; sized for a phone.
  function forecast(el, data) {
    var hidden = { opacity: 0 }, band = "#7a9bd6";
    var day = function (iso) { var d = String(iso).split("-"); return +d[1] + "月" + (+d[2]) + "日"; };
    var pct = function (v) { return v == null ? "—" : Math.round(v) + "%"; };
    return {
      tooltip: { trigger: "axis", formatter: function (items) {
        var lines = [], low = null;
        items.forEach(function (p) {
          var v = p.value[1];
          if (p.seriesIndex === 2) { low = v; return; }
          if (p.seriesIndex === 3) { if (low != null) { lines.push("80%区间 " + pct(low) + "至" + pct(low + v)); } return; }
          lines.push(p.marker + p.seriesName + " " + pct(v));
        });
        return items.length ? day(items[0].value[0]) + "<br>" + lines.join("<br>") : "";
      } },
      legend: { type: "scroll", top: 0, data: ["完成率", "预计", "80%区间", "序时进度"], textStyle: { fontSize: 12 } },
      grid: { left: 44, right: 20, top: 36, bottom: 32 },
      xAxis: { type: "time", min: data.start, max: data.due, axisLabel: { formatter: "{M}月", hideOverlap: true } },
      yAxis: { type: "value", min: 0, max: function (v) { return Math.max(110, Math.ceil(v.max / 10) * 10); },
               axisLabel: { formatter: "{value}%" } },
      series: [
        { name: "完成率", type: "line", data: data.actual, symbolSize: 6, lineStyle: { width: 3 } },
        { name: "预计", type: "line", data: data.path, symbol: "none", lineStyle: { type: "dashed", width: 2 },
          markLine: { silent: true, symbol: "none", lineStyle: { color: "#c0392b" },
                      label: { formatter: "目标 100%", position: "insideEndTop" }, data: [{ yAxis: 100 }] } },
        { name: "80%区间", type: "line", data: data.low, stack: "range", symbol: "none", lineStyle: hidden,
          itemStyle: { color: band } },
        { name: "80%区间", type: "line", data: data.band, stack: "range", symbol: "none", lineStyle: hidden,
          itemStyle: { color: band }, areaStyle: { color: band, opacity: 0.3 } },
        { name: "序时进度", type: "line", data: data.expected, symbol: "none",
          lineStyle: { type: "dotted", width: 1, color: "#888" }, itemStyle: { color: "#888" } },
      ],
    };
  }
  var kinds = { bars: bars, trend: trend, forecast: forecast };
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
