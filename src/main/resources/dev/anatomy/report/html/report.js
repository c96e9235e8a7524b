/* anatomy report: draws each chart from the options in #anatomy-data with the inlined ECharts,
   adds the axis and tooltip formatters JSON cannot carry, and marks each drawn chart with
   data-drawn="<points>" so a reader of the DOM can tell that it drew. */
(function () {
  'use strict';

  function trim(v) {
    var a = Math.abs(v);
    if (a >= 100 || a === 0) {
      return v.toFixed(0);
    }
    if (a >= 10) {
      return v.toFixed(1).replace(/\.0$/, '');
    }
    return v.toFixed(2).replace(/\.?0+$/, '');
  }
  function binary(v) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    var i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return trim(v) + ' ' + units[i];
  }
  function decimal(v, unit) {
    var prefixes = ['', 'k', 'M', 'G', 'T', 'P'];
    var i = 0;
    while (Math.abs(v) >= 999.5 && i < prefixes.length - 1) {
      v /= 1000;
      i++;
    }
    return trim(v) + ' ' + prefixes[i] + unit;
  }
  function nanoseconds(v) {
    if (v >= 1e9) {
      return trim(v / 1e9) + ' s';
    }
    if (v >= 1e6) {
      return trim(v / 1e6) + ' ms';
    }
    if (v >= 1e3) {
      return trim(v / 1e3) + ' µs';
    }
    return trim(v) + ' ns';
  }
  var formats = {
    bytes: binary,
    rate: function (v) { return decimal(v, 'B/s'); },
    ns: nanoseconds,
    flops: function (v) { return decimal(v, 'FLOP/s'); },
    intensity: function (v) { return v >= 1 ? trim(v) : '1/' + trim(1 / v); },
    threads: function (v) { return trim(v); },
    speedup: function (v) { return trim(v) + '×'; },
    category: function (v) { return String(v); }
  };
  function format(kind, v) {
    if (typeof v !== 'number' || !isFinite(v)) {
      return String(v);
    }
    return (formats[kind] || trim)(v);
  }
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  function list(x) {
    return x === undefined ? [] : Array.isArray(x) ? x : [x];
  }

  function decorate(spec) {
    var option = spec.option;
    var xs = list(option.xAxis);
    var ys = list(option.yAxis);
    xs.forEach(function (axis, i) {
      var kind = spec.x[i] || spec.x[0];
      if (axis.type !== 'category') {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = function (v) { return format(kind, v); };
      }
    });
    ys.forEach(function (axis, i) {
      var kind = spec.y[i] || spec.y[0];
      if (axis.type !== 'category') {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = function (v) { return format(kind, v); };
      }
    });
    option.tooltip = option.tooltip || {};
    option.tooltip.confine = true;
    option.tooltip.formatter = function (p) {
      var series = option.series[p.seriesIndex] || {};
      var xi = series.xAxisIndex || 0;
      var yi = series.yAxisIndex || 0;
      var xk = spec.x[xi] || spec.x[0];
      var yk = spec.y[yi] || spec.y[0];
      var xname = (xs[xi] || {}).name || 'x';
      var yname = (ys[yi] || {}).name || 'y';
      var d = p.data;
      var v = d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
      var html = p.marker + '<b>' + esc(p.seriesName) + '</b>';
      if (Array.isArray(v)) {
        html += '<br>' + esc(xname) + ': ' + esc(format(xk, v[0]));
        html += '<br>' + esc(yname) + ': ' + esc(format(yk, v[1]));
      } else if (typeof v === 'number') {
        html += '<br>' + esc(p.name) + ': <b>' + esc(format(xk, v)) + '</b>';
      }
      if (d && d.tip) {
        html += '<br><span style="color:#777">' + esc(d.tip) + '</span>';
      }
      return html;
    };
    return option;
  }

  function points(option) {
    var n = 0;
    list(option.series).forEach(function (s) {
      list(s.data).forEach(function (d) {
        if (d !== '-' && d !== null) {
          n++;
        }
      });
      if (s.markLine) {
        n += list(s.markLine.data).length;
      }
    });
    return n;
  }

  function draw() {
    var data = JSON.parse(document.getElementById('anatomy-data').textContent);
    var charts = [];
    var drawn = 0;
    data.charts.forEach(function (spec) {
      var el = document.getElementById(spec.id);
      try {
        var chart = echarts.init(el, null, {renderer: 'svg'});
        chart.setOption(decorate(spec));
        charts.push(chart);
        var marks = el.querySelectorAll('svg path').length;
        if (marks > 0) {
          el.setAttribute('data-drawn', String(points(spec.option)));
          el.setAttribute('data-marks', String(marks));
          drawn++;
        }
      } catch (e) {
        window.anatomyRecordError('chart ' + spec.id + ': ' + (e && e.stack ? e.stack : e));
      }
    });
    document.body.setAttribute('data-charts-drawn', String(drawn));
    var resources = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType('resource').length : 0;
    document.body.setAttribute('data-resources-loaded', String(resources));
    window.addEventListener('resize', function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  function filter() {
    var input = document.getElementById('figure-filter');
    if (!input) {
      return;
    }
    var count = document.getElementById('figure-count');
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      document.querySelectorAll('#figures details').forEach(function (group) {
        var any = 0;
        group.querySelectorAll('tbody tr').forEach(function (row) {
          var hit = q === '' || row.textContent.toLowerCase().indexOf(q) >= 0;
          row.hidden = !hit;
          if (hit) {
            any++;
          }
        });
        group.hidden = any === 0;
        if (q !== '') {
          group.open = any > 0;
        }
        shown += any;
      });
      if (count) {
        count.textContent = q === '' ? '' : shown + ' shown';
      }
    });
  }

  draw();
  filter();
})();
