/**
 * The HTML report: one self-contained file, drawn from a run's JSON document alone, that shows the
 * machine as charts (latency and bandwidth curves, the memory units, the connections, the roofline,
 * scaling), its inventory and environment, and every figure in a table. Charts are Apache ECharts
 * options built here in Java and drawn in the browser by the ECharts bundle inlined into the page,
 * so the file works offline and loads nothing from anywhere.
 *
 * <p>Entry point: {@link dev.anatomy.report.html.HtmlReport}.
 */
package dev.anatomy.report.html;
