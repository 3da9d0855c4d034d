// New, open, save, save as, export and the closing guard, all through the project file. A file that cannot be read
// is explained in a dialog and changes nothing that is open; a diverged file (NaN weights) is opened only if the
// user says so. A recovery copy of the open project is written every N seconds outside the user's file.
package org.stepwise.app.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.FileChooser;
import javafx.stage.DirectoryChooser;
import org.stepwise.core.export.PyTorchExport;
import org.stepwise.core.io.AtomicFiles;
import org.stepwise.core.io.ModelFormatException;
import org.stepwise.core.onnx.OnnxExport;
import org.stepwise.core.project.NonFiniteWeightsException;
import org.stepwise.core.project.Project;
import org.stepwise.core.project.ProjectFile;
import org.stepwise.core.project.Recovery;

final class FileActions implements AutoCloseable {

    /** Where files come from and go to; a dialog in the studio, a fixed answer in tests. */
    interface PathChooser {
        /** A project to open, or null when the user cancelled. */
        Path openProject(FileActions actions);

        /** Where to save, or null. */
        Path saveProject(FileActions actions, String suggestedName);

        /** Where to export (a folder for "pytorch"), or null. */
        Path exportTarget(FileActions actions, String format, String suggestedName);
    }

    private final MainWindow window;
    private PathChooser chooser = new DialogChooser();
    private Recovery.Autosaver autosaver;
    private long autosavedAt = -1;

    FileActions(MainWindow window) {
        this.window = window;
    }

    void setChooser(PathChooser chooser) {
        this.chooser = chooser;
    }

    private I18n i18n() {
        return window.i18n();
    }

    private Workspace workspace() {
        return window.workspace();
    }

    // ---- new and open --------------------------------------------------------------------------------------

    void newProject() {
        if (confirmDiscard()) {
            replace(DefaultProjects.standard(), null);
        }
    }

    void newFromTemplate(String template) {
        if (confirmDiscard()) {
            replace(DefaultProjects.fromTemplate(template), null);
        }
    }

    void open() {
        if (!confirmDiscard()) {
            return;
        }
        Path file = chooser.openProject(this);
        if (file != null) {
            load(file);
        }
    }

    void open(Path file) {
        if (confirmDiscard()) {
            load(file);
        }
    }

    /** Reads the file whole first; only a project that loaded completely replaces the open one. */
    boolean load(Path file) {
        ProjectFile.Loaded loaded;
        try {
            loaded = ProjectFile.load(file);
        } catch (NonFiniteWeightsException e) {
            if (!Dialogs.confirm(window.stage(), i18n(), i18n().text("open.nonFinite.title"),
                    i18n().text("open.nonFinite.message", e.detail()), "open.nonFinite.anyway")) {
                return false;
            }
            try {
                loaded = ProjectFile.load(file, new ProjectFile.Options(true));
            } catch (IOException | RuntimeException again) {
                return failedToOpen(file, again);
            }
        } catch (IOException | RuntimeException e) {
            return failedToOpen(file, e);
        }
        replace(loaded.project(), loaded.fileVersion() < ProjectFile.VERSION ? null : file);
        window.preferences().addRecent(file);
        if (!loaded.warnings().isEmpty()) {
            Dialogs.info(window.stage(), i18n(), i18n().text("open.notes.title"),
                    String.join("\n\n", loaded.warnings()));
        }
        return true;
    }

    private boolean failedToOpen(Path file, Exception e) {
        String why = e instanceof ModelFormatException m ? m.getMessage()
                : e instanceof java.nio.file.NoSuchFileException ? i18n().text("open.missing", file)
                : e.getMessage() == null ? e.toString() : e.getMessage();
        Dialogs.error(window.stage(), i18n(), i18n().text("open.failed.title", file.getFileName()), why);
        return false;
    }

    void replace(Project project, Path file) {
        window.training().pause();
        workspace().load(project, file);
        window.refreshTitle();
        Platform.runLater(() -> window.canvas().fitToView());
    }

    // ---- saving --------------------------------------------------------------------------------------------

    /** Saves to the project's file, asking for one the first time; true when saved. */
    boolean save() {
        Path file = workspace().fileProperty().get();
        return file == null ? saveAs() : saveTo(file);
    }

    boolean saveAs() {
        Path file = chooser.saveProject(this, workspace().nameProperty().get() + ProjectFile.EXTENSION);
        if (file == null) {
            return false;
        }
        if (!file.getFileName().toString().endsWith(ProjectFile.EXTENSION)) {
            file = file.resolveSibling(file.getFileName() + ProjectFile.EXTENSION);
        }
        return saveTo(file);
    }

    private boolean saveTo(Path file) {
        if (!workspace().graph().analysis().ok()) {
            Dialogs.error(window.stage(), i18n(), i18n().text("save.invalid.title"),
                    i18n().text("save.invalid.message", workspace().graph().analysis().problems().size()));
            return false;
        }
        Project project = window.training().snapshotProject();
        if (project == null) {
            Dialogs.error(window.stage(), i18n(), i18n().text("save.invalid.title"),
                    i18n().text("save.invalid.message", workspace().graph().analysis().problems().size()));
            return false;
        }
        String name = ProjectFile.baseName(file);
        project = project.withName(name);
        try {
            ProjectFile.save(file, project);
        } catch (IOException | RuntimeException e) {
            Dialogs.error(window.stage(), i18n(), i18n().text("save.failed.title", file.getFileName()),
                    e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
        workspace().nameProperty().set(name);
        workspace().fileProperty().set(file);
        workspace().projectProperty().set(project);
        workspace().stack().markSaved();
        window.training().signals().record("project_saved");
        window.preferences().addRecent(file);
        if (autosaver != null) {
            autosaver.setOriginal(file);
        }
        window.refreshTitle();
        return true;
    }

    /** True when nothing unsaved would be lost: saved, discarded on purpose, or clean. */
    boolean confirmDiscard() {
        if (!workspace().stack().isDirty()) {
            return true;
        }
        return switch (Dialogs.unsaved(window.stage(), i18n(), workspace().nameProperty().get())) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    // ---- export --------------------------------------------------------------------------------------------

    void export(String format) {
        var network = workspace().document().network();
        if (network == null || !workspace().graph().analysis().ok()) {
            Dialogs.error(window.stage(), i18n(), i18n().text("export.invalid.title"),
                    i18n().text("save.invalid.message", workspace().graph().analysis().problems().size()));
            return;
        }
        String base = workspace().nameProperty().get();
        String suggested = switch (format) {
            case "onnx" -> base + ".onnx";
            case "safetensors" -> base + ".safetensors";
            default -> base + "-pytorch";
        };
        Path target = chooser.exportTarget(this, format, suggested);
        if (target == null) {
            return;
        }
        Project project = window.training().snapshotProject();
        var norm = project == null ? null : project.normalization();
        try {
            switch (format) {
                case "onnx" -> {
                    byte[] bytes = OnnxExport.toBytes(project.network(), norm);
                    AtomicFiles.write(target, out -> out.write(bytes));
                }
                case "safetensors" -> {
                    byte[] bytes = PyTorchExport.safetensors(project.network(), norm);
                    AtomicFiles.write(target, out -> out.write(bytes));
                }
                default -> PyTorchExport.write(project.network(), norm, target);
            }
        } catch (IOException | RuntimeException e) {
            Dialogs.error(window.stage(), i18n(), i18n().text("export.failed.title"),
                    e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        window.training().signals().record("exported", format);
        Dialogs.info(window.stage(), i18n(), i18n().text("export.done.title"), i18n().text("export.done." + format,
                target));
    }

    // ---- autosave ------------------------------------------------------------------------------------------

    /** Starts writing recovery copies; the copy is taken on the FX thread without pausing training. */
    void startAutosave(Recovery recovery) throws IOException {
        autosaver = recovery.start(this::recoveryCopy, window.preferences().autosaveInterval());
        autosaver.setOriginal(workspace().fileProperty().get());
    }

    private Project recoveryCopy() {
        CompletableFuture<Project> copy = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                long edits = workspace().stack().size() * 31L + (workspace().stack().isDirty() ? 1 : 0);
                var d = workspace().document();
                if (!workspace().stack().isDirty() || d.network() == null || edits == autosavedAt) {
                    copy.complete(null);
                    return;
                }
                autosavedAt = edits;
                copy.complete(new Project(workspace().nameProperty().get(), d.network().def(),
                        Project.copyOf(d.network()), d.data(), d.settings(), null, null, null, null,
                        java.util.List.of(), workspace().layout()));
            } catch (RuntimeException e) {
                copy.completeExceptionally(e);
            }
        });
        try {
            return copy.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (autosaver != null) {
            try {
                autosaver.close();
            } catch (IOException e) {
                // The copy stays behind and is offered next time; nothing is lost.
            }
            autosaver = null;
        }
    }

    // ---- the real choosers ---------------------------------------------------------------------------------

    private static final class DialogChooser implements PathChooser {
        @Override
        public Path openProject(FileActions actions) {
            FileChooser chooser = projectChooser(actions, "open.title");
            var file = chooser.showOpenDialog(actions.window.stage());
            return file == null ? null : file.toPath();
        }

        @Override
        public Path saveProject(FileActions actions, String suggestedName) {
            FileChooser chooser = projectChooser(actions, "save.title");
            chooser.setInitialFileName(suggestedName);
            var file = chooser.showSaveDialog(actions.window.stage());
            return file == null ? null : file.toPath();
        }

        @Override
        public Path exportTarget(FileActions actions, String format, String suggestedName) {
            if (format.equals("pytorch")) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(actions.i18n().text("export.pytorch.title"));
                var folder = chooser.showDialog(actions.window.stage());
                return folder == null ? null : folder.toPath().resolve(suggestedName);
            }
            FileChooser chooser = new FileChooser();
            chooser.setTitle(actions.i18n().text("export." + format + ".title"));
            chooser.setInitialFileName(suggestedName);
            var file = chooser.showSaveDialog(actions.window.stage());
            return file == null ? null : file.toPath();
        }

        private static FileChooser projectChooser(FileActions actions, String titleKey) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(actions.i18n().text(titleKey));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                    actions.i18n().text("file.filter"), "*" + ProjectFile.EXTENSION));
            Path current = actions.workspace().fileProperty().get();
            if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
                chooser.setInitialDirectory(current.getParent().toFile());
            }
            return chooser;
        }
    }
}
