package io.nexus.ui.advice;

import io.nexus.app.BackgroundExecutor;
import io.nexus.app.ProfileProposal;
import io.nexus.app.Workbench;
import io.nexus.bench.Finding;
import io.nexus.profile.ProfileException;
import io.nexus.profile.TuningProfile;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The advisor's panel on a screen: the findings of the run shown, and turning one into a profile change that the
 * Profiles screen opens (built in the background, as it reads the operator's profile file).
 *
 * <p><b>Thread-safety:</b> UI thread only (the JavaFX application thread, or the test thread with same-thread executors).
 */
public final class AdviceViewModel {
    private final Workbench workbench;
    private final BackgroundExecutor background;
    private final Executor ui;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private TuningProfile profile;
    private Consumer<ProfileProposal> proposals = p -> { };

    public AdviceViewModel(Workbench workbench, BackgroundExecutor background, Executor ui) {
        this.workbench = workbench;
        this.background = background;
        this.ui = ui;
    }

    /** Shows what the advisor found in a run that used {@code runProfile}; {@code null} profile for no run. */
    public void show(List<Finding> found, TuningProfile runProfile) {
        findings.setAll(found);
        profile = runProfile;
        status.set(runProfile == null ? "" : found.isEmpty() ? "the advisor found nothing to change in this run"
                : found.size() + " finding" + (found.size() == 1 ? "" : "s") + ", most severe first");
    }

    /** Where a finding's change goes when the operator asks for it (the window opens it in the Profiles screen). */
    public void onProposal(Consumer<ProfileProposal> sink) {
        this.proposals = sink;
    }

    /** Turns {@code finding}'s change into a proposal of the run's profile and hands it to {@link #onProposal}'s sink. */
    public void apply(Finding finding) {
        TuningProfile used = profile;
        if (used == null || finding.change().isEmpty()) {
            status.set("this finding has no profile change");
            return;
        }
        background.execute(() -> {
            try {
                ProfileProposal proposal = ProfileProposal.of(finding, used, workbench.profilesDir());
                ui.execute(() -> proposals.accept(proposal));
            } catch (ProfileException | RuntimeException e) {
                ui.execute(() -> status.set("cannot change profile " + used.name() + ": " + e.getMessage()));
            }
        });
    }

    /** @return the findings shown, most severe first */
    public ObservableList<Finding> findings() { return findings; }
    /** @return what the panel says: how many findings, or why a change could not be made */
    public StringProperty statusProperty() { return status; }
}
