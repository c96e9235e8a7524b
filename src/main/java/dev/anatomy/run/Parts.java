package dev.anatomy.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of parts this build can measure, in the order a whole card measures them. */
public final class Parts {
  private static final Map<String, Supplier<Part>> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("compute", dev.anatomy.compute.ComputePart::new);
    PARTS.put("memory", dev.anatomy.memory.MemoryPart::new);
    PARTS.put("storage", dev.anatomy.storage.StoragePart::new);
    PARTS.put("links", dev.anatomy.link.LinksPart::new);
    PARTS.put(
        dev.anatomy.model.suite.ValidationPart.NAME, dev.anatomy.model.suite.ValidationPart::new);
  }

  private Parts() {}

  /**
   * The names of every part, in card order.
   *
   * @return e.g. [compute, memory, storage, links]
   */
  public static List<String> names() {
    return MeasureOptions.ALL_PARTS.stream().filter(PARTS::containsKey).toList();
  }

  /**
   * Creates a part.
   *
   * @param name a name from {@link #names()}
   * @return a new instance
   * @throws IllegalArgumentException for an unknown name
   */
  public static Part create(String name) {
    Supplier<Part> s = PARTS.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown part '" + name + "'; known: " + names());
    }
    return s.get();
  }
}
