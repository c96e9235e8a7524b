package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
  @Test
  void unitsAreShownAtAReadableScale() {
    assertThat(Units.human(1.3538, "ns")).isEqualTo("1.35 ns");
    assertThat(Units.human(86000, "ns")).isEqualTo("86.0 µs");
    assertThat(Units.human(1.62e9, "B/s")).isEqualTo("1.62 GB/s");
    assertThat(Units.human(32768, "B")).isEqualTo("32 KiB");
    assertThat(Units.human(3.49e9, "Hz")).isEqualTo("3.49 GHz");
    assertThat(Units.human(999.7e9, "FLOP/s")).isEqualTo("1.00 TFLOP/s");
    assertThat(Units.percent(0.079)).isEqualTo("7.9%");
    assertThat(Units.fromKey("triadBytesPerSecondAllThreads")).isEqualTo("B/s");
    assertThat(Units.fromKey("clockHzAllCores")).isEqualTo("Hz");
  }

  @Test
  void absencesFindTheExactTheEnclosingOrTheInnerReason() {
    ObjectNode doc = Json.object();
    ObjectNode u = doc.putObject("unavailable");
    u.put("links.pcie", "no libcuda.so.1");
    u.put("compute", "the part failed");
    u.put("storage.randomWriteIops", "read-only run");
    doc.putObject("storage");
    Absences why = new Absences(doc);

    assertThat(why.why("links.pcie")).hasValue("no libcuda.so.1");
    assertThat(why.why("compute.scaling.usl")).hasValue("compute: the part failed");
    assertThat(why.why("storage")).hasValue("storage.randomWriteIops: read-only run");
    assertThat(why.why("memory")).isEmpty();
    assertThat(why.sentence("the validation kernels", "validation.kernels"))
        .isEqualTo(
            "the validation kernels: not in this run (no validation; anatomy validate runs the"
                + " kernel suite)");
  }

  @Test
  void escapingKeepsMarkupOutOfTextAndScripts() {
    assertThat(Html.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    assertThat(Html.esc(null)).isEmpty();
    assertThat(Html.scriptJson("{\"a\":\"</script><!--&\"}"))
        .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!--\\u0026\"}");
    assertThat(Html.script("x='</script>'")).isEqualTo("x='<\\/script>'");
  }

  @Test
  void nodesReadDottedKeys() {
    ObjectNode doc = Json.object();
    doc.putObject("compute").putObject("peakFlops").put("fp64PerCore", 5e10);

    assertThat(Nodes.number(doc, "compute.peakFlops.fp64PerCore")).hasValue(5e10);
    assertThat(Nodes.number(doc, "compute.peakFlops.fp32PerCore")).isEmpty();
    assertThat(Nodes.at(doc, "").isObject()).isTrue();
    assertThat(Nodes.positive(Json.tree(-1))).isEmpty();
  }
}
