// Draws each [data-chart] element with ECharts: the data is the element's attribute (the CSP allows no inline script).
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  document.querySelectorAll('[data-chart]').forEach(function (element) {
    var data = JSON.parse(element.getAttribute('data-chart'));
    var series = Object.keys(data.series).map(function (name) {
      return { name: name, type: 'bar', stack: 'all', data: data.series[name] };
    });
    var chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      grid: { left: 36, right: 8, top: 28, bottom: 24 },
      legend: { show: series.length > 1, top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.hours },
      yAxis: { type: 'value', minInterval: 1 },
      series: series
    });
    element.setAttribute('data-drawn', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
  });
}());
