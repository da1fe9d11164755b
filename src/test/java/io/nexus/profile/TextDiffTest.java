package io.nexus.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextDiffTest {
    @Test
    void showsChangedLinesWithTheirContextAndElidesTheRest() {
        String before = "a\nb\nc\nd\ne\nf\ng\n";
        String after = "a\nb\nC\nd\ne\nf\ng\nh\n";
        assertEquals(List.of("  b", "- c", "+ C", "  d", "  ...", "  g", "+ h"), TextDiff.lines(before, after, 1));
        assertEquals(List.of(), TextDiff.lines(before, before, 1), "no change, no lines");
    }

    @Test
    void aProfileChangeRewritesOnlyItsValueInTheOperatorsFile() throws Exception {
        String file = "# mine\n[threads]\ncount = 8   # too many?\nidle = \"backoff\"\n";
        java.nio.file.Path path = java.nio.file.Files.createTempFile("profile", ".toml");
        java.nio.file.Files.writeString(path, file);
        TuningProfile changed = ProfileFiles.withValues(ProfileFiles.read(path, null), Map.of(ProfileKey.THREADS_COUNT, "2",
                ProfileKey.THREADS_IDLE, "spin"));
        assertEquals(2, changed.threads().orElseThrow());
        assertEquals(TuningProfile.IdleMode.SPIN, changed.idle());
        assertEquals(List.of("  [threads]", "- count = 8   # too many?", "- idle = \"backoff\"", "+ count = 2   # too many?", "+ idle = \"spin\""),
                TextDiff.lines(file, ProfileFiles.textFor(changed, path), 1), "comments and layout kept");
        java.nio.file.Files.delete(path);
    }
}
