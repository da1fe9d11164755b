package io.nexus.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two short texts (profile files), as {@code diff -u} shows its hunks: removed lines start with
 * {@code "- "}, added ones with {@code "+ "}, context lines with two spaces, and {@code "  ..."} stands for unchanged lines
 * left out. From the longest common subsequence of the lines, so O(lines^2): for files of a few hundred lines. Stateless.
 */
public final class TextDiff {
    private TextDiff() {
    }

    /**
     * @param context unchanged lines shown around each change
     * @return the changed lines with their context; empty when the texts have the same lines
     */
    public static List<String> lines(String before, String after, int context) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> all = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                all.add("  " + a.get(i++));
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] > common[i + 1][j])) {
                all.add("+ " + b.get(j++));
            } else {
                all.add("- " + a.get(i++));
            }
        }
        return hunks(all, context);
    }

    private static List<String> hunks(List<String> all, int context) {
        boolean[] shown = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (!all.get(k).startsWith("  ")) {
                for (int c = Math.max(0, k - context); c <= Math.min(all.size() - 1, k + context); c++) {
                    shown[c] = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        int last = -1;
        for (int k = 0; k < all.size(); k++) {
            if (shown[k]) {
                if (last >= 0 && k > last + 1) {
                    out.add("  ...");
                }
                out.add(all.get(k));
                last = k;
            }
        }
        return out;
    }
}
