package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anatomy.inventory.SystemFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockDevicesTest {
  static SystemFiles fixture(String name) throws IOException {
    try (InputStream in = BlockDevicesTest.class.getResourceAsStream("/fixtures/storage/" + name)) {
      return SystemFiles.parseDump(
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)));
    }
  }

  @Test
  void findsTheVirtioDiskBehindTheRootFolderOfThisMachine() throws IOException {
    BlockDevice d = BlockDevices.parse(fixture("this-machine-vda.txt"), "/work/disk");
    assertThat(d.mountPoint()).isEqualTo("/");
    assertThat(d.fileSystem()).isEqualTo("ext4");
    assertThat(d.name()).isEqualTo("vda");
    assertThat(d.partition()).isEmpty();
    assertThat(d.transport()).isEqualTo("virtio");
    assertThat(d.rotational()).contains(true);
    assertThat(d.logicalBlockBytes()).isEqualTo(512);
    assertThat(d.physicalBlockBytes()).isEqualTo(4096);
    assertThat(d.sizeBytes()).isEqualTo(536870912L * 512);
    assertThat(d.writeCache()).isEqualTo("write back");
    assertThat(d.hasDisk()).isTrue();
  }

  @Test
  void reportsTmpfsAsMemoryWithoutADisk() throws IOException {
    BlockDevice d = BlockDevices.parse(fixture("this-machine-vda.txt"), "/dev/shm/anatomy");
    assertThat(d.mountPoint()).isEqualTo("/dev/shm");
    assertThat(d.fileSystem()).isEqualTo("tmpfs");
    assertThat(d.transport()).isEqualTo("memory");
    assertThat(d.hasDisk()).isFalse();
    assertThat(d.rotational()).isEmpty();
  }

  @Test
  void followsAPartitionToItsNvmeDisk() throws IOException {
    BlockDevice d = BlockDevices.parse(fixture("synthetic-nvme-partition.txt"), "/var/tmp");
    assertThat(d.name()).isEqualTo("nvme0n1");
    assertThat(d.partition()).isEqualTo("nvme0n1p2");
    assertThat(d.transport()).isEqualTo("NVMe");
    assertThat(d.rotational()).contains(false);
    assertThat(d.model()).isEqualTo("Samsung SSD 970 EVO Plus 500GB");
    assertThat(d.source()).isEqualTo("/dev/nvme0n1p2");
  }

  @Test
  void recognisesASataDiskAndItsRotationalFlag() throws IOException {
    BlockDevice d = BlockDevices.parse(fixture("synthetic-sata.txt"), "/srv");
    assertThat(d.transport()).isEqualTo("SATA");
    assertThat(d.name()).isEqualTo("sda");
    assertThat(d.partition()).isEqualTo("sda1");
    assertThat(d.rotational()).contains(true);
  }

  @Test
  void picksTheLongestMountPointAndUndoesOctalEscapes() throws IOException {
    SystemFiles f = fixture("synthetic-nvme-partition.txt");
    var m = BlockDevices.mountOf(f.lines(BlockDevices.MOUNTINFO), "/home/user/My Data/x");
    assertThat(m).map(BlockDevices.Mount::mountPoint).contains("/home/user/My Data");
    assertThat(m).map(BlockDevices.Mount::fileSystem).contains("xfs");
    assertThat(BlockDevices.mountOf(f.lines(BlockDevices.MOUNTINFO), "/boot/efi2"))
        .map(BlockDevices.Mount::mountPoint)
        .contains("/");
  }

  @Test
  void takesTheLastOfStackedMounts() throws IOException {
    var m =
        BlockDevices.mountOf(
            fixture("this-machine-vda.txt").lines(BlockDevices.MOUNTINFO), "/dev/shm");
    assertThat(m).map(BlockDevices.Mount::minor).contains(27);
  }

  @Test
  void ignoresMalformedMountLines() {
    assertThat(BlockDevices.parseMount("garbage")).isEmpty();
    assertThat(BlockDevices.parseMount("1 2 x:y / / rw - ext4 /dev/a rw")).isEmpty();
    assertThat(BlockDevices.parseMount("1 2 3:4 / / rw no-separator ext4")).isEmpty();
  }

  @Test
  void namesVirtualDevicesByKind() {
    assertThat(BlockDevices.transport("/sys/devices/virtual/block/dm-0", "dm-0", true))
        .isEqualTo("device mapper");
    assertThat(BlockDevices.transport("/sys/devices/virtual/block/loop3", "loop3", false))
        .isEqualTo("loop");
    assertThat(BlockDevices.transport("/sys/devices/virtual/block/md127", "md127", false))
        .isEqualTo("software RAID");
    assertThat(
            BlockDevices.transport(
                "/sys/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1", "nvme0n1", false))
        .isEqualTo("NVMe");
    assertThat(
            BlockDevices.transport(
                "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdc",
                "sdc",
                false))
        .isEqualTo("USB");
    assertThat(
            BlockDevices.transport(
                "/sys/devices/pci0000:00/0000:00:03.0/0000:02:00.0/host1/target1:0:0/1:0:0:0/block/sdb",
                "sdb",
                false))
        .isEqualTo("SCSI");
    assertThat(
            BlockDevices.transport(
                "/sys/devices/platform/x/mmc_host/mmc0/block/mmcblk0", "mmcblk0", false))
        .isEqualTo("MMC");
    assertThat(BlockDevices.transport("/sys/devices/somewhere/else", "xyz", false))
        .isEqualTo("unknown");
  }

  @Test
  void describesTheLiveDeviceBehindATemporaryFolder() {
    BlockDevice d = BlockDevices.describe(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(d.mountPoint()).startsWith("/");
    assertThat(d.fileSystem()).isNotEmpty();
    assertThat(d.transport()).isNotEmpty();
  }

  @Test
  void leavesAnUnknownFolderUnknown() {
    BlockDevice d = BlockDevices.describe(Path.of("/no/such/folder/anatomy"));
    assertThat(d.transport()).isEqualTo("unknown");
    assertThat(d.rotational()).isEqualTo(Optional.empty());
  }
}
