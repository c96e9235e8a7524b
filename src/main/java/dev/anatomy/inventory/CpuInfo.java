package dev.anatomy.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of /proc/cpuinfo the inventory uses (x86 layout; other architectures leave fields at
 * their defaults).
 *
 * @param vendor vendor_id
 * @param modelName model name
 * @param family cpu family
 * @param model model
 * @param stepping stepping
 * @param mhz cpu MHz of the first processor
 * @param flags feature flags of the first processor
 * @param processors processor numbers
 * @param coreKeys distinct "physical id/core id" pairs
 * @param packageCount distinct physical ids
 */
record CpuInfo(
    String vendor,
    String modelName,
    int family,
    int model,
    int stepping,
    double mhz,
    Set<String> flags,
    List<Integer> processors,
    Set<String> coreKeys,
    int packageCount) {

  static CpuInfo parse(List<String> lines) {
    String vendor = "unknown";
    String modelName = "unknown";
    int family = 0;
    int model = 0;
    int stepping = 0;
    double mhz = 0;
    Set<String> flags = new LinkedHashSet<>();
    List<Integer> processors = new ArrayList<>();
    Set<String> cores = new LinkedHashSet<>();
    Set<String> packages = new LinkedHashSet<>();
    String physical = null;
    boolean first = true;
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "processor" -> {
          if (!processors.isEmpty()) {
            first = false;
          }
          processors.add(parseInt(value));
        }
        case "vendor_id" -> vendor = first ? value : vendor;
        case "model name" -> modelName = first ? value : modelName;
        case "cpu family" -> family = first ? parseInt(value) : family;
        case "model" -> model = first ? parseInt(value) : model;
        case "stepping" -> stepping = first ? parseInt(value) : stepping;
        case "cpu MHz" -> mhz = first ? Double.parseDouble(value) : mhz;
        case "flags", "Features" -> {
          if (first) {
            for (String f : value.split("\\s+")) {
              if (!f.isEmpty()) {
                flags.add(f);
              }
            }
          }
        }
        case "physical id" -> {
          physical = value;
          packages.add(value);
        }
        case "core id" -> cores.add(physical + "/" + value);
        default -> {
          // other fields are not used
        }
      }
    }
    return new CpuInfo(
        vendor, modelName, family, model, stepping, mhz, flags, processors, cores, packages.size());
  }

  private static int parseInt(String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
