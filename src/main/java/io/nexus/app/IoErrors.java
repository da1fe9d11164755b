package io.nexus.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * I/O failures in words: the file and the reason ({@code /srv/r.html: permission denied}), where the JDK's
 * message is often the path alone ({@code AccessDeniedException: /srv/r.html}). Stateless.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** @return what failed, on which file, and why */
    public static String describe(IOException e) {
        if (!(e instanceof FileSystemException fs)) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
        String reason = switch (fs) {
            case AccessDeniedException _ -> "permission denied";
            case NoSuchFileException _ -> "no such file or directory";
            case NotDirectoryException _ -> "not a directory";
            case FileAlreadyExistsException _ when fs.getFile() != null && Files.isRegularFile(Path.of(fs.getFile())) -> "is a file, not a directory";
            case FileAlreadyExistsException _ -> "already exists";
            case DirectoryNotEmptyException _ -> "directory not empty";
            default -> fs.getReason() == null ? fs.getClass().getSimpleName() : fs.getReason();
        };
        String other = fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile();
        return fs.getFile() == null ? reason : fs.getFile() + other + ": " + reason;
    }
}
