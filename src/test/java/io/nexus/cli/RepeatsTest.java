package io.nexus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatsTest {
    @Test
    void childrenRunTheSameCommandOnceEachAsJson() {
        assertEquals(List.of("benchmark", "--workload", "sha256", "--no-save", "--json"),
                Repeats.childArgs(List.of("benchmark", "--repeat", "5", "--workload", "sha256", "--csv", "--no-save")));
        assertEquals(List.of("stress", "--json"), Repeats.childArgs(List.of("stress", "--repeat=3", "--json")));
    }

    private static JsonNode result(double opsPerSecond, long p99) throws Exception {
        return new ObjectMapper().readTree("{\"summary\":{\"opsPerSecond\":" + opsPerSecond + "},"
                + "\"latencyNanos\":{\"response\":{\"p99\":" + p99 + "}}}");
    }

    @Test
    void medianRangeAndTheUnstableFlag() throws Exception {
        Repeats.Summary steady = Repeats.Summary.of(List.of(result(100, 10), result(104, 30), result(98, 20)));
        assertEquals(100, steady.medianThroughput());
        assertEquals(0.06, steady.spread(), 1e-9);
        assertEquals(20, steady.medianP99());
        assertFalse(steady.unstable());
        Repeats.Summary bimodal = Repeats.Summary.of(List.of(result(59, 1), result(103, 1), result(93, 1), result(100, 1)));
        assertEquals(96.5, bimodal.medianThroughput());
        assertTrue(bimodal.unstable(), "59 against 103: " + bimodal.spread());
    }
}
