package org.symtune.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability helpers shared by every writer that replaces files atomically (write, fsync, rename). */
public final class Durability {
    private Durability() {
    }

    /**
     * Forces a folder's entries (a rename into it) to disk. Platforms that cannot open a folder as a
     * channel (Windows) skip this: the rename is still atomic there, only its durability across a power
     * cut is left to the file system.
     */
    public static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Best effort by design, see above (opening a folder fails there with an IOException).
        }
    }
}
