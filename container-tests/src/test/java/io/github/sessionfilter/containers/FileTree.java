package io.github.sessionfilter.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Copies and deletes directory trees (a web app directory, a CATALINA_BASE). */
final class FileTree {
    private FileTree() {
    }

    /** Copies {@code from} (a directory) to {@code to}, replacing files that exist. */
    static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    /** Unpacks a WAR (a zip file) into {@code to}, as a container does before deploying it. */
    static Path unzip(Path war, Path directory) {
        Path to = directory.toAbsolutePath().normalize();
        delete(to);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = to.resolve(entry.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + war + " into " + to, e);
        }
        return to;
    }

    /** Deletes {@code root} and everything below it, if it exists. */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** A fresh, empty directory for one test under {@code target/it} (kept after the run, for its logs). */
    static Path workDirectory(String testName) {
        String root = System.getProperty("container-tests.work");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property container-tests.work is not set; run these tests with "
                    + "Maven from the repository root (./mvnw verify), which sets it");
        }
        Path directory = Path.of(root, testName).toAbsolutePath().normalize();
        delete(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory;
    }

    /** A required file or directory named by a system property the build sets; fails saying how to get it. */
    static Path required(String property, String hint) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run these tests with "
                    + "Maven from the repository root (./mvnw verify), which sets it");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist (" + property + "); " + hint);
        }
        return path;
    }
}
