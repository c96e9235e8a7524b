package dev.anatomy.storage;

import java.util.List;
import java.util.Optional;

/**
 * The device behind a folder, as the kernel reports it. Reported, not measured: a virtio disk may
 * say it is rotational while it seeks like flash.
 *
 * @param mountPoint the mount holding the folder
 * @param fileSystem its type, e.g. "ext4", "tmpfs"
 * @param source what was mounted, e.g. "/dev/vda"
 * @param name the whole disk's kernel name, e.g. "vda", "nvme0n1", "sda"; empty for a filesystem
 *     without a block device (tmpfs, overlay, NFS)
 * @param partition the partition's name, e.g. "nvme0n1p2", or empty for a whole disk
 * @param transport how the disk is attached: "NVMe", "SATA", "virtio", "SCSI", "USB", "MMC", a
 *     virtual kind ("device mapper", "loop", ...), "memory" for tmpfs, or "unknown"
 * @param rotational the queue's rotational flag, empty if not reported
 * @param model the model string, empty if not reported
 * @param logicalBlockBytes logical block size, 0 if not reported
 * @param physicalBlockBytes physical block size, 0 if not reported
 * @param sizeBytes the disk's size, 0 if not reported
 * @param writeCache "write back" or "write through", empty if not reported
 * @param slaves devices under a virtual one (device mapper, RAID)
 * @param sysfsPath the disk's directory under /sys/devices, empty if none
 */
public record BlockDevice(
    String mountPoint,
    String fileSystem,
    String source,
    String name,
    String partition,
    String transport,
    Optional<Boolean> rotational,
    String model,
    int logicalBlockBytes,
    int physicalBlockBytes,
    long sizeBytes,
    String writeCache,
    List<String> slaves,
    String sysfsPath) {
  /**
   * Copies the list.
   *
   * @param mountPoint mount point
   * @param fileSystem filesystem type
   * @param source mount source
   * @param name disk name
   * @param partition partition name
   * @param transport transport
   * @param rotational rotational flag
   * @param model model
   * @param logicalBlockBytes logical block size
   * @param physicalBlockBytes physical block size
   * @param sizeBytes size
   * @param writeCache write cache mode
   * @param slaves underlying devices
   * @param sysfsPath sysfs path
   */
  public BlockDevice {
    slaves = List.copyOf(slaves);
  }

  /**
   * Whether a block device backs the folder.
   *
   * @return false for tmpfs, overlay, network filesystems
   */
  public boolean hasDisk() {
    return !name.isEmpty();
  }
}
