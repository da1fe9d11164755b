package io.nexus.app;

import io.nexus.bench.Finding;
import io.nexus.profile.ProfileException;
import io.nexus.profile.ProfileFiles;
import io.nexus.profile.TextDiff;
import io.nexus.profile.TuningProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A finding's change as a profile the operator can apply: the profile it changes (the file of that name in the profiles
 * directory when there is one, else the profile the run used), the changed profile, and the diff of the TOML text that
 * saving it would write. Immutable.
 *
 * @param finding the finding whose change it is
 * @param file    the profile file it changes; empty when the run's profile has no file here (save it under a name)
 * @param changed the profile with the finding's values
 * @param diff    the text's changed lines with context ({@link TextDiff}); empty when the profile already has those values
 */
public record ProfileProposal(Finding finding, Optional<Path> file, TuningProfile changed, List<String> diff) {
    /** Lines of context around each change in {@link #diff}. */
    private static final int CONTEXT = 1;

    /**
     * @param finding     a finding with a change ({@link Finding#change()} not empty)
     * @param used        the profile the run used
     * @param profilesDir where the operator's profiles live
     * @throws ProfileException if the change does not make a valid profile of that file, or the file cannot be read
     */
    public static ProfileProposal of(Finding finding, TuningProfile used, Path profilesDir) throws ProfileException {
        Path file = profilesDir.resolve(used.name() + ProfileFiles.EXTENSION);
        boolean own = Files.isRegularFile(file);
        TuningProfile base = own ? ProfileFiles.read(file, null) : used;
        TuningProfile changed = ProfileFiles.withValues(base, finding.change());
        List<io.nexus.profile.FieldError> invalid = io.nexus.profile.ProfileValidator.validate(changed, null);
        if (!invalid.isEmpty()) {
            throw new ProfileException(own ? file : null, invalid);
        }
        try {
            String before = own ? Files.readString(file) : ProfileFiles.toToml(base);
            String after = own ? ProfileFiles.textFor(changed, file) : ProfileFiles.toToml(changed);
            return new ProfileProposal(finding, own ? Optional.of(file) : Optional.empty(), changed, TextDiff.lines(before, after, CONTEXT));
        } catch (IOException e) {
            throw new ProfileException(file, List.of(new io.nexus.profile.FieldError("(file)", "cannot read: " + IoErrors.describe(e))));
        }
    }
}
