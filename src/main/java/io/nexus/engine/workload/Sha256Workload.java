package io.nexus.engine.workload;

import io.nexus.engine.memory.FixedBlockPool;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * SHA-256 of a message of {@code size} bytes (1 B to 64 MiB) with one reused {@link MessageDigest} per
 * worker, so the JDK's SHA intrinsics (SHA-NI where the CPU has it) do the work and nothing is allocated.
 */
public final class Sha256Workload extends SizedWorkload {
    public Sha256Workload() {
        super("sha256", "SHA-256 digest of a message", "bytes", 1, 64 << 20, 64);
    }

    @Override
    public long bytesPerOp(int size) {
        return size;
    }

    @Override
    public Kernel newKernel(int size, FixedBlockPool memory, long seed) {
        byte[] message = new byte[size];
        new SplittableRandom(seed).nextBytes(message);
        return new Sha256Kernel(message);
    }

    /** Digests one fixed message per op into a reused output array. Single-threaded. */
    public static final class Sha256Kernel implements Kernel {
        private final MessageDigest digest;
        private final byte[] message;
        private final byte[] out = new byte[32];

        /** @param message the bytes to digest on every op (kept, not copied) */
        public Sha256Kernel(byte[] message) {
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256", e);
            }
            this.message = message;
        }

        @Override
        public void execute() throws DigestException {
            digest.update(message);
            digest.digest(out, 0, out.length);
        }

        /** @return the digest of the last op (a copy) */
        public byte[] lastDigest() {
            return out.clone();
        }
    }
}
