// Draws the report's charts from the inlined data (nexus-data) with uPlot; every chart gets a PNG button.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("nexus-data").textContent);
  const charts = data.charts;
  const palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#6e7781", "#bf3989"];
  const percentileColours = { "p50": "#1a7f37", "p90": "#0969da", "p99": "#8250df", "p99.9": "#bc4c00", "max": "#cf222e" };

  function nanos(ns) {
    if (ns == null) return "";
    if (ns < 1e3) return ns.toFixed(0) + " ns";
    if (ns < 1e6) return (ns / 1e3).toFixed(2) + " µs";
    if (ns < 1e9) return (ns / 1e6).toFixed(2) + " ms";
    return (ns / 1e9).toFixed(2) + " s";
  }

  function rate(perSecond) {
    if (perSecond == null) return "";
    if (perSecond >= 1e9) return (perSecond / 1e9).toFixed(2) + "G";
    if (perSecond >= 1e6) return (perSecond / 1e6).toFixed(2) + "M";
    if (perSecond >= 1e3) return (perSecond / 1e3).toFixed(1) + "k";
    return perSecond.toFixed(1);
  }

  function ninesLabel(n) {
    const p = 100 * (1 - Math.pow(10, -n));
    return n === 0 ? "0%" : parseFloat(p.toPrecision(Math.max(2, n + 1))) + "%";
  }

  // A log axis cannot show 0: an interval with no ops has no latency to draw.
  function positive(values) {
    return values.map(v => (v == null || v <= 0 ? null : v));
  }

  function line(label, colour, extra) {
    return Object.assign({ label: label, stroke: colour, width: 1.5, spanGaps: true }, extra || {});
  }

  function draw(figure, title, opts, columns) {
    const width = Math.max(480, figure.clientWidth || 900);
    const plot = new uPlot(Object.assign({ title: title, width: width, height: 320 }, opts), columns, figure);
    const button = document.createElement("button");
    button.className = "png";
    button.textContent = "PNG";
    button.title = "Save this chart as a PNG image";
    button.addEventListener("click", () => savePng(plot, title, opts.series.slice(1)));
    figure.appendChild(button);
    return plot;
  }

  // The plot's canvas on white, with the title above and the legend below, as one PNG for slides.
  function savePng(plot, title, series) {
    const source = plot.ctx.canvas;
    const ratio = source.width / plot.width;
    const image = document.createElement("canvas");
    image.width = source.width;
    image.height = source.height + 60 * ratio;
    const g = image.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, image.width, image.height);
    g.fillStyle = "#1f2328";
    g.font = (15 * ratio) + "px sans-serif";
    g.fillText(title, 10 * ratio, 20 * ratio);
    g.drawImage(source, 0, 30 * ratio);
    g.font = (12 * ratio) + "px sans-serif";
    let x = 10 * ratio;
    series.forEach(s => {
      g.fillStyle = s.stroke || "#1f2328";
      g.fillText("■ " + s.label, x, image.height - 10 * ratio);
      x += g.measureText("■ " + s.label).width + 16 * ratio;
    });
    const link = document.createElement("a");
    link.download = title.replace(/[^A-Za-z0-9.-]+/g, "-") + ".png";
    link.href = image.toDataURL("image/png");
    link.click();
  }

  function throughput(figure) {
    const c = charts.throughput;
    draw(figure, "Throughput over time", {
      scales: { x: { time: false } },
      series: [{ label: "elapsed (s)" }].concat(c.series.map((s, i) => line(s.label, palette[i % palette.length]))),
      axes: [{ label: "elapsed (s)" }, { label: "ops/s", size: 70, values: (u, v) => v.map(rate) }]
    }, [c.x].concat(c.series.map(s => s.values)));
  }

  function latency(figure) {
    const c = charts.latency[Number(figure.dataset.index)];
    draw(figure, "Response time: " + c.label, {
      scales: { x: { time: false }, y: { distr: 3, log: 10 } },
      series: [{ label: "elapsed (s)" }].concat(c.series.map(s => line(s.label, percentileColours[s.label]))),
      axes: [{ label: "elapsed (s)" }, { label: "response time", size: 80, values: (u, v) => v.map(nanos) }]
    }, [c.x].concat(c.series.map(s => positive(s.values))));
  }

  function distribution(figure) {
    const c = charts.distribution;
    const deepest = c.x.length ? c.x[c.x.length - 1] : 0;
    draw(figure, "Response-time percentiles", {
      scales: { x: { time: false, range: [0, Math.max(1, deepest)] }, y: { distr: 3, log: 10 } },
      series: [{ label: "percentile", value: (u, v) => (v == null ? "" : ninesLabel(v)) }]
        .concat(c.series.map((s, i) => line(s.label, palette[i % palette.length]))),
      axes: [
        { label: "percentile", splits: (u, i, min, max) => Array.from({ length: Math.max(0, Math.floor(max) - Math.ceil(min) + 1) }, (_, k) => Math.ceil(min) + k),
          values: (u, v) => v.map(ninesLabel) },
        { label: "response time", size: 80, values: (u, v) => v.map(nanos) }
      ]
    }, [c.x].concat(c.series.map(s => positive(s.values))));
  }

  function sweep(figure) {
    const c = charts.sweep;
    const x = c.curveThreads || c.threads;
    const at = values => x.map(n => { const i = c.threads.indexOf(n); return i < 0 ? null : values[i]; });
    const series = [{ label: "threads" },
      line("measured", palette[0], { width: 0, paths: () => null, points: { show: true, size: 9, fill: palette[0] } }),
      line("ideal (linear)", "#6e7781", { dash: [6, 4] })];
    const columns = [x, at(c.measured), at(c.ideal)];
    if (c.curve) {
      series.push(line("USL model", palette[1]));
      columns.push(c.curve);
    }
    draw(figure, "Throughput by threads", {
      scales: { x: { time: false } },
      series: series,
      axes: [{ label: "threads" }, { label: "ops/s", size: 70, values: (u, v) => v.map(rate) }]
    }, columns);
  }

  const kinds = { throughput: throughput, latency: latency, distribution: distribution, sweep: sweep };
  document.querySelectorAll("figure.chart").forEach(figure => kinds[figure.dataset.chart](figure));
})();
