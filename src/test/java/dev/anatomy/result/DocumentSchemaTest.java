package dev.anatomy.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.anatomy.testing.Documents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Documents validate against docs/anatomy-document.schema.json, and the schema has teeth. */
class DocumentSchemaTest {
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    JsonNode node =
        Json.parse(
            Files.readString(
                Path.of("docs", "anatomy-document.schema.json"), StandardCharsets.UTF_8));
    assertThat(node.path("properties").path("schemaVersion").path("const").asInt())
        .as("the schema file describes the version this build writes")
        .isEqualTo(SchemaVersion.CURRENT);
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
  }

  static List<Error> validate(JsonNode doc) {
    return schema.validate(doc);
  }

  @Test
  void aRealDocumentOfThisMachineIsValid() throws Exception {
    JsonNode real = Json.parse(Documents.resource("documents/memory-quick-vm.json"));
    assertThat(validate(real)).isEmpty();
  }

  @Test
  void aDocumentWithEveryPartIsValid() {
    ObjectNode doc = Documents.allParts("id-all", Instant.parse("2026-11-20T10:00:00Z"), 1, 3);
    assertThat(validate(doc)).isEmpty();
  }

  @Test
  void theAssembledGoldenDocumentIsValid() {
    assertThat(validate(DocumentGoldenTest.assembled())).isEmpty();
  }

  @Test
  void rejectsADocumentWithoutSchemaVersionOrRun() {
    ObjectNode doc = Documents.allParts("id-x", Instant.parse("2026-11-20T10:00:00Z"), 1, 3);
    doc.remove("schemaVersion");
    doc.withObjectProperty("run").remove("id");
    assertThat(validate(doc))
        .extracting(Error::getMessage)
        .anyMatch(m -> m.contains("schemaVersion"))
        .anyMatch(m -> m.contains("id"));
  }

  @Test
  void rejectsAFigureWhoseDetailsLackTheirUnitOrSamples() {
    ObjectNode doc = Documents.allParts("id-y", Instant.parse("2026-11-20T10:00:00Z"), 1, 3);
    ObjectNode l1 = (ObjectNode) doc.path("memory").path("levels").get(0);
    ((ObjectNode) l1.path("details").path("latencyNs")).remove("unit");
    ((ObjectNode) doc.path("storage").path("details").path("randomReadIops")).putArray("samples");
    List<Error> errors = validate(doc);
    assertThat(errors)
        .extracting(Error::getMessage)
        .anyMatch(m -> m.contains("unit"))
        .anyMatch(m -> m.contains("samples") || m.contains("1 items"));
  }

  @Test
  void rejectsWrongTypesAndUnknownEffort() {
    ObjectNode doc = Documents.allParts("id-z", Instant.parse("2026-11-20T10:00:00Z"), 1, 3);
    ((ObjectNode) doc.path("memory").path("levels").get(0)).put("latencyNs", "fast");
    doc.withObjectProperty("run").put("effort", "heroic");
    doc.withObjectProperty("unavailable").put("links.pcie", 42);
    assertThat(validate(doc)).hasSizeGreaterThanOrEqualTo(3);
  }
}
