package io.nexus.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;

/** The save dialog of the window: one file, of one type, in the user's home directory unless one was used before. */
public final class FileChoosers {
    private static File lastDirectory;

    private FileChoosers() {
    }

    /**
     * Asks where to save; the platform's dialog asks before replacing an existing file, and this asks too when the
     * extension it adds to a name typed without one names an existing file. UI thread only.
     *
     * @param owner       a node of the window the dialog belongs to
     * @param title       the dialog's title
     * @param fileName    the suggested name
     * @param description the type's name, e.g. {@code "PNG image"}
     * @param extension   the type's extension without the dot, e.g. {@code "png"}
     * @return the file chosen, or empty if the operator cancelled
     */
    public static Optional<Path> saveAs(Node owner, String title, String fileName, String description, String extension) {
        FxThread.require();
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(fileName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        File dir = lastDirectory != null && lastDirectory.isDirectory() ? lastDirectory : new File(System.getProperty("user.home"));
        chooser.setInitialDirectory(dir);
        File chosen = chooser.showSaveDialog(owner.getScene() == null ? null : owner.getScene().getWindow());
        if (chosen == null) {
            return Optional.empty();
        }
        lastDirectory = chosen.getParentFile();
        if (chosen.getName().endsWith("." + extension)) {
            return Optional.of(chosen.toPath());
        }
        Path named = chosen.toPath().resolveSibling(chosen.getName() + "." + extension);
        if (java.nio.file.Files.exists(named)) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, named + " exists. Replace it?", ButtonType.OK, ButtonType.CANCEL);
            ask.setHeaderText("Replace " + named.getFileName() + "?");
            return ask.showAndWait().filter(ButtonType.OK::equals).map(b -> named);
        }
        return Optional.of(named);
    }
}
