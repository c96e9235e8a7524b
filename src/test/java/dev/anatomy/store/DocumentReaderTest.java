package dev.anatomy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import dev.anatomy.result.SchemaVersion;
import dev.anatomy.run.UsageException;
import dev.anatomy.testing.Documents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
  @TempDir Path dir;

  private final ObjectNode doc =
      Documents.allParts(
          "0badc0de-0000-4000-8000-000000000001", Instant.parse("2026-11-20T10:00:00Z"), 1, 1);

  private Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static void assertOneLine(Throwable t) {
    assertThat(t).isInstanceOf(UsageException.class);
    assertThat(t.getMessage()).doesNotContain("\n");
  }

  @Test
  void readsADocumentOfTheCurrentVersionAsWritten() throws Exception {
    Path f = write("run.json", Json.write(doc));
    assertThat(DocumentReader.readFile(f)).isEqualTo(doc);
  }

  @Test
  void readsADocumentThatStartsWithAByteOrderMark() throws Exception {
    Path f = write("bom.json", "\uFEFF" + Json.write(doc));
    assertThat(DocumentReader.readFile(f)).isEqualTo(doc);
  }

  @Test
  void readsARealDocumentOfThisMachine() {
    ObjectNode real =
        DocumentReader.read(Documents.resource("documents/memory-quick-vm.json"), "fixture");
    assertThat(real.path("memory").path("levels")).isNotEmpty();
  }

  @Test
  void upgradesAHandMadeVersionZeroDocument() throws Exception {
    ObjectNode v0 = (ObjectNode) Json.parse(Documents.resource("documents/version-0.json"));
    assertThat(v0.path("schemaVersion").asInt()).isZero();
    ObjectNode read = DocumentReader.check(v0, "version-0.json");
    assertThat(read.path("schemaVersion").asInt()).isEqualTo(SchemaVersion.CURRENT);
    assertThat(read.path("unavailable").isObject()).isTrue();
    assertThat(read.path("unavailable").path("links.pcie").asText())
        .isEqualTo("no libcuda.so.1: no NVIDIA driver on this machine");
    assertThat(read.path("memory")).isEqualTo(v0.path("memory"));
    assertThat(v0.path("unavailable").isArray()).as("the input is not changed").isTrue();
  }

  @Test
  void refusesAFutureSchemaVersionWithAClearMessage() throws Exception {
    ObjectNode future = doc.deepCopy().put("schemaVersion", SchemaVersion.CURRENT + 1);
    Path f = write("future.json", Json.write(future));
    assertThatThrownBy(() -> DocumentReader.readFile(f))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessage(
            f
                + " has schema version "
                + (SchemaVersion.CURRENT + 1)
                + ", newer than this anatomy reads (up to "
                + SchemaVersion.CURRENT
                + "); read it with a newer anatomy");
  }

  @Test
  void refusesAVersionOlderThanAnyItCanUpgrade() {
    ObjectNode old = doc.deepCopy().put("schemaVersion", -1);
    assertThatThrownBy(() -> DocumentReader.check(old, "old.json"))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("old.json has schema version -1, older than this anatomy reads");
  }

  @Test
  void refusesATruncatedFile() throws Exception {
    String text = Json.write(doc);
    Path f = write("cut.json", text.substring(0, text.length() / 2));
    assertThatThrownBy(() -> DocumentReader.readFile(f))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageStartingWith(f + " is not valid JSON: it ends early at line")
        .hasMessageEndingWith("(truncated?)");
  }

  @Test
  void refusesCorruptJson() throws Exception {
    Path f = write("corrupt.json", "{\"schemaVersion\": 1, \"run\": {\"id\": \"x\",, }}");
    assertThatThrownBy(() -> DocumentReader.readFile(f))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageStartingWith(f + " is not valid JSON: ")
        .hasMessageContaining("line 1, column");
  }

  @Test
  void refusesBinaryGarbage() throws Exception {
    Path f = dir.resolve("garbage.json");
    Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
    assertThatThrownBy(() -> DocumentReader.readFile(f))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void refusesForeignJson() throws Exception {
    Path array = write("array.json", "[1, 2, 3]");
    assertThatThrownBy(() -> DocumentReader.readFile(array))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("not an anatomy document: its JSON is an array");
    Path pkg = write("package.json", "{\"name\": \"left-pad\", \"version\": \"1.3.0\"}");
    assertThatThrownBy(() -> DocumentReader.readFile(pkg))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("not an anatomy document: it has no schemaVersion");
    Path noRun = write("norun.json", "{\"schemaVersion\": 1, \"machine\": {}}");
    assertThatThrownBy(() -> DocumentReader.readFile(noRun))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("it has no run.id");
    Path text = write("text.json", "{\"schemaVersion\": \"one\"}");
    assertThatThrownBy(() -> DocumentReader.readFile(text))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("schemaVersion must be a whole number");
  }

  @Test
  void refusesEmptyMissingAndFolderPaths() throws Exception {
    Path empty = write("empty.json", "");
    assertThatThrownBy(() -> DocumentReader.readFile(empty))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> DocumentReader.readFile(dir.resolve("missing.json")))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageEndingWith("missing.json: no such file");
    assertThatThrownBy(() -> DocumentReader.readFile(dir))
        .satisfies(DocumentReaderTest::assertOneLine)
        .hasMessageContaining("is a folder");
  }
}
