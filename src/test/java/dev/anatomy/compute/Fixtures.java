package dev.anatomy.compute;

import dev.anatomy.inventory.InventoryParser;
import dev.anatomy.inventory.Machine;
import dev.anatomy.inventory.SystemFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Machines parsed from the captured inventories in src/test/resources/fixtures. */
final class Fixtures {
  private Fixtures() {}

  static Machine machine(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      return InventoryParser.parse(SystemFiles.parseDump(lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
