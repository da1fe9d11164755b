package io.nexus.app;

import io.nexus.bench.RunProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flame graph's layout (an icicle: the root on top, callees below), from a profile's folded stacks: one {@link Frame}
 * per distinct call path, placed by sample counts so that a frame spans exactly the samples that passed through it, its
 * callees side by side beneath it in name order. A differential graph lays out the current profile and gives each frame
 * the change in its share of all samples against a baseline (Brendan Gregg's "differential flame graph": paths only in
 * the baseline are not drawn, their loss shows as shrinking parents). Immutable; thread-safe.
 */
public final class FlameGraph {
    /**
     * One call path.
     *
     * @param index   position in {@link #frames()} (pre-order: a frame comes after its parent)
     * @param parent  index of the caller, -1 for the root
     * @param method  {@code package.Type.method}; {@code all} for the root
     * @param depth   0 for the root
     * @param offset  samples left of it: where it starts, in samples from the root's start
     * @param samples samples through it (its width)
     * @param delta   its share of all samples now less its share in the baseline, in [-1, 1]; 0 when not a diff
     */
    public record Frame(int index, int parent, String method, int depth, long offset, long samples, double delta) {
        /** @return whether {@code other} lies under this frame (it or one of its callees, at any depth) */
        public boolean covers(Frame other) {
            return other.depth >= depth && other.offset >= offset && other.offset + other.samples <= offset + samples;
        }
    }

    private final List<Frame> frames;
    private final boolean differential;

    private FlameGraph(List<Frame> frames, boolean differential) {
        this.frames = List.copyOf(frames);
        this.differential = differential;
    }

    /** @return the graph of {@code stacks} (folded, root first, {@link RunProfile#FRAME_SEPARATOR} between frames) */
    public static FlameGraph of(Map<String, Long> stacks) {
        return new FlameGraph(layout(tree(stacks), null), false);
    }

    /** @return the graph of {@code current}, each frame coloured by its change in share against {@code baseline} */
    public static FlameGraph diff(Map<String, Long> baseline, Map<String, Long> current) {
        return new FlameGraph(layout(tree(current), tree(baseline)), true);
    }

    /** @return every frame, the root first, pre-order */
    public List<Frame> frames() {
        return frames;
    }

    /** @return the root: all samples */
    public Frame root() {
        return frames.getFirst();
    }

    /** @return whether frames carry a change against a baseline */
    public boolean differential() {
        return differential;
    }

    /** @return the deepest frame's depth, 0 for an empty graph */
    public int depth() {
        return frames.stream().mapToInt(Frame::depth).max().orElse(0);
    }

    /** @return the frames of {@code frame}'s callers, the root first (drawn full width when zoomed into it) */
    public List<Frame> ancestors(Frame frame) {
        List<Frame> up = new ArrayList<>();
        for (int p = frame.parent(); p >= 0; p = frames.get(p).parent()) {
            up.addFirst(frames.get(p));
        }
        return up;
    }

    /**
     * @param text part of a method name, case-insensitive; blank matches nothing
     * @return the share of all samples in frames whose method contains {@code text} (samples counted once, however many
     *     matching frames are on their stack), in [0, 1]
     */
    public double matchedShare(String text) {
        if (text == null || text.isBlank() || root().samples() == 0) {
            return 0;
        }
        long matched = 0;
        Frame outer = null;
        for (Frame f : frames) {
            if (matches(f, text) && (outer == null || !outer.covers(f))) {
                matched += f.samples();
                outer = f;
            }
        }
        return (double) matched / root().samples();
    }

    /** @return whether {@code frame}'s method contains {@code text}, case-insensitive */
    public static boolean matches(Frame frame, String text) {
        return text != null && !text.isBlank() && frame.method().toLowerCase(Locale.ROOT).contains(text.strip().toLowerCase(Locale.ROOT));
    }

    /** A call path while the tree is built: its samples and its callees by name. */
    private static final class Node {
        final String method;
        long samples;
        final Map<String, Node> callees = new TreeMap<>();

        Node(String method) {
            this.method = method;
        }
    }

    private static Node tree(Map<String, Long> stacks) {
        Node root = new Node("all");
        stacks.forEach((stack, count) -> {
            Node at = root;
            at.samples += count;
            for (String method : stack.split(RunProfile.FRAME_SEPARATOR)) {
                at = at.callees.computeIfAbsent(method, Node::new);
                at.samples += count;
            }
        });
        return root;
    }

    private static List<Frame> layout(Node root, Node baseline) {
        List<Frame> out = new ArrayList<>();
        double total = Math.max(1, root.samples);
        double baselineTotal = baseline == null ? 1 : Math.max(1, baseline.samples);
        place(root, baseline, -1, 0, 0, total, baselineTotal, baseline != null, out);
        return out;
    }

    private static void place(Node node, Node before, int parent, int depth, long offset, double total, double baselineTotal,
                              boolean differential, List<Frame> out) {
        double delta = differential ? node.samples / total - (before == null ? 0 : before.samples / baselineTotal) : 0;
        int index = out.size();
        out.add(new Frame(index, parent, node.method, depth, offset, node.samples, delta));
        long at = offset;
        for (Node callee : node.callees.values()) {
            place(callee, before == null ? null : before.callees.get(callee.method), index, depth + 1, at, total, baselineTotal, differential, out);
            at += callee.samples;
        }
    }
}
