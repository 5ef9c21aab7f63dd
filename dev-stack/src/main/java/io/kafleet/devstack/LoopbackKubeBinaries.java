package io.kafleet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kube-api-test directory of the dev stack's own whose etcd and kube-apiserver listen on the
 * loopback interface only. kube-api-test starts etcd with {@code --listen-client-urls
 * http://0.0.0.0:PORT}, fixed in its code, and a member's etcd has no authentication: anyone on the
 * network could write into the member. So the directory holds, for the Kubernetes version the stack
 * uses, small wrappers that turn every {@code 0.0.0.0} and {@code localhost} address in their
 * arguments into {@code 127.0.0.1} and then become the real binaries (the built ones, from {@code
 * KUBE_API_TEST_DIR} or {@code ~/.kubeapitest}); kube-apiserver is also started with {@code
 * --bind-address=127.0.0.1} (see {@link #API_SERVER_FLAGS}). The wrappers {@code exec}: the pid
 * kube-api-test holds is the real binary's.
 */
final class LoopbackKubeBinaries {

  /** The kube-apiserver flags that keep it on the loopback interface. */
  static final Map<String, String> API_SERVER_FLAGS =
      Map.of("--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1");

  static final String ETCD = "etcd";
  static final String KUBE_APISERVER = "kube-apiserver";
  private static final String KUBECTL = "kubectl";
  private static final String KUBE_API_TEST_DIR = "KUBE_API_TEST_DIR";

  private LoopbackKubeBinaries() {}

  /**
   * Writes the wrappers under the state directory.
   *
   * @return the directory to give kube-api-test ({@code withTestDir}); empty when the built
   *     binaries of this Kubernetes version are not there (kube-api-test then says so itself)
   */
  static Optional<Path> prepare(Path stateDirectory, String kubernetesVersion) {
    Path source =
        Path.of(
            Optional.ofNullable(System.getenv(KUBE_API_TEST_DIR))
                .orElse(Path.of(System.getProperty("user.home"), ".kubeapitest").toString()));
    Path target = stateDirectory.toAbsolutePath().resolve("kube-api-test");
    boolean any = false;
    try (DirectoryStream<Path> builds =
        Files.newDirectoryStream(source.resolve("k8s"), kubernetesVersion + "-*")) {
      for (Path build : builds) {
        if (Files.isExecutable(build.resolve(ETCD))
            && Files.isExecutable(build.resolve(KUBE_APISERVER))
            && Files.isExecutable(build.resolve(KUBECTL))) {
          Path wrapped =
              Files.createDirectories(target.resolve("k8s").resolve(build.getFileName()));
          for (String binary : List.of(ETCD, KUBE_APISERVER)) {
            writeExecutable(wrapped.resolve(binary), wrapper(build.resolve(binary)));
          }
          Path kubectl = wrapped.resolve(KUBECTL);
          Files.deleteIfExists(kubectl);
          Files.createSymbolicLink(kubectl, build.resolve(KUBECTL).toAbsolutePath());
          any = true;
        }
      }
    } catch (java.nio.file.NoSuchFileException nothingBuilt) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return any ? Optional.of(target) : Optional.empty();
  }

  /** A POSIX shell script that rewrites the listen and advertise addresses, then execs. */
  static String wrapper(Path real) {
    String quoted = "'" + real.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    return String.join(
        "\n",
        "#!/bin/sh",
        "# Written by the kafleet dev stack: this member's " + real.getFileName(),
        "# listens on 127.0.0.1 only (see LoopbackKubeBinaries).",
        "for arg do",
        "  shift",
        "  case \"$arg\" in",
        "    *://0.0.0.0:*) arg=\"${arg%%://0.0.0.0:*}://127.0.0.1:${arg#*://0.0.0.0:}\" ;;",
        "    *://localhost:*) arg=\"${arg%%://localhost:*}://127.0.0.1:${arg#*://localhost:}\" ;;",
        "  esac",
        "  set -- \"$@\" \"$arg\"",
        "done",
        "exec " + quoted + " \"$@\"",
        "");
  }

  private static void writeExecutable(Path file, String content) throws IOException {
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    Files.writeString(partial, content);
    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwx------"));
    // Replaced whole: a wrapper may be running from the previous stack's copy.
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
